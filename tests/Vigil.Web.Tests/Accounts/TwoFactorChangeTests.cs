using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

/// <summary>Changing the second factor needs the password again, and once enrolled a current code (ASVS 7.5.1).</summary>
public sealed partial class TwoFactorChangeTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Turning_on_new_codes_and_turning_off_each_need_the_password_and_a_code_and_are_audited(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("careful@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("careful@example.org");

        var (_, page) = await browser.GetAsync("/account/two-factor");
        string secret = Secret().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        string Code() => Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));

        // On: a code alone, or a wrong password, is not enough.
        var (noPassword, _) = await browser.PostAsync("/account/two-factor", new() { ["code"] = Code() }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, noPassword.StatusCode);
        var (wrongPassword, _) = await browser.PostAsync("/account/two-factor", new() { ["code"] = Code(), ["password"] = "not my password at all" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.False(await EnabledAsync(factory, user.Id));
        var (on, onBody) = await browser.PostAsync("/account/two-factor", new() { ["code"] = Code(), ["password"] = PlatformFactory.Password }, withToken: true);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.Contains("Your recovery codes", onBody, StringComparison.Ordinal);
        Assert.True(await EnabledAsync(factory, user.Id));

        // New recovery codes: the password without a code is refused, and the codes stay.
        var codesBefore = await CodeHashesAsync(factory, user.Id);
        factory.Time.Advance(TimeSpan.FromSeconds(30)); // the enrolment code's step is used up
        await browser.GetAsync("/account/two-factor");
        var (noCode, _) = await browser.PostAsync("/account/two-factor?handler=NewCodes", new() { ["password"] = PlatformFactory.Password }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.Equal(codesBefore, await CodeHashesAsync(factory, user.Id));
        var (renewed, renewedBody) = await browser.PostAsync("/account/two-factor?handler=NewCodes", new() { ["password"] = PlatformFactory.Password, ["code"] = Code() }, withToken: true);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Contains("Your recovery codes", renewedBody, StringComparison.Ordinal);
        Assert.NotEqual(codesBefore, await CodeHashesAsync(factory, user.Id));

        // Off: a wrong code is refused; the password and a current code turn it off, delete the recovery codes and end the other session.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        using var other = factory.Browser();
        await PasswordResetTests.SignInFullyAsync(factory, other, "careful@example.org", secret);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/account/tokens")).Response.StatusCode);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await browser.GetAsync("/account/two-factor");
        var (badCode, _) = await browser.PostAsync("/account/two-factor?handler=Disable", new() { ["password"] = PlatformFactory.Password, ["code"] = "000000" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.True(await EnabledAsync(factory, user.Id));
        var (off, offBody) = await browser.PostAsync("/account/two-factor?handler=Disable", new() { ["password"] = PlatformFactory.Password, ["code"] = Code() }, withToken: true);
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.Contains("Two-factor sign-in is off", offBody, StringComparison.Ordinal);
        Assert.False(await EnabledAsync(factory, user.Id));
        Assert.Empty(await CodeHashesAsync(factory, user.Id));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/account/tokens")).Response.StatusCode);

        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Subject == user.Id && a.Action == AuditActions.TwoFactorChanged)
            .OrderBy(a => a.Sequence).Select(a => a.Detail).ToListAsync());
        Assert.Equal(["enabled", "new recovery codes", "disabled"], audit);
    }

    [Fact]
    public async Task A_triager_cannot_turn_the_second_factor_off_even_with_password_and_code()
    {
        using var factory = new PlatformFactory();
        string secret = Totp.NewSecret();
        var user = await factory.CreateUserAsync("triage@example.org", [Roles.Triager], secret);
        using var browser = factory.Browser();
        await PasswordResetTests.SignInFullyAsync(factory, browser, "triage@example.org", secret);
        factory.Time.Advance(TimeSpan.FromSeconds(30));

        var (page, body) = await browser.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Turn off", body, StringComparison.Ordinal);
        string code = Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));
        var (off, offBody) = await browser.PostAsync("/account/two-factor?handler=Disable", new() { ["password"] = PlatformFactory.Password, ["code"] = code }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains("cannot be turned off", offBody, StringComparison.Ordinal);
        Assert.True(await EnabledAsync(factory, user.Id));
    }

    private static Task<bool> EnabledAsync(PlatformFactory factory, string id) =>
        factory.QueryAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TwoFactorEnabled).SingleAsync());

    private static Task<List<string>> CodeHashesAsync(PlatformFactory factory, string id) =>
        factory.QueryAsync(db => db.RecoveryCodes.AsNoTracking().Where(c => c.UserId == id).OrderBy(c => c.Hash).Select(c => c.Hash).ToListAsync());

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7 ]+)<")]
    private static partial Regex Secret();
}
