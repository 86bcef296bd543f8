using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed partial class TwoFactorTests
{
    [Fact]
    public async Task A_triager_without_a_second_factor_reaches_only_enrolment_then_everything_after_enrolling()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("triager@example.org", [Roles.Triager]);
        using var browser = factory.Browser();
        await browser.SignInAsync("triager@example.org");

        var (tokens, _) = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
        Assert.Equal("/account/two-factor", tokens.Headers.Location!.OriginalString);
        var (api, _) = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);

        var (enrol, page) = await browser.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("Your role needs two-factor sign-in", page, StringComparison.Ordinal);
        string secret = Secret().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("otpauth://totp/Vigil:triager%40example.org?secret=" + secret, page, StringComparison.Ordinal);

        string code = Totp.Code(Base32.Decode(secret), Totp.StepAt(factory.Time.GetUtcNow()));
        var (_, enrolled) = await browser.PostAsync("/account/two-factor", new() { ["code"] = code, ["password"] = PlatformFactory.Password }, withToken: true);
        Assert.Contains("Your recovery codes", enrolled, StringComparison.Ordinal);
        Assert.Equal(10, RecoveryCode().Count(enrolled));

        // The session goes on with a new cookie, and now reaches everything.
        var (after, _) = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var (apiAfter, _) = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, apiAfter.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_recovery_code_signs_in_once_and_is_stored_only_as_a_salted_hash(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("lost@example.org", totpSecret: Totp.NewSecret());
        var codes = await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PlatformUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id))!, 10))!.ToList();
        });
        Assert.Equal(10, codes.Count);
        var stored = await factory.QueryAsync(db => db.RecoveryCodes.AsNoTracking().Where(c => c.UserId == user.Id).Select(c => c.Hash).ToListAsync());
        Assert.Equal(10, stored.Count);
        Assert.DoesNotContain(stored, h => codes.Any(c => h.Contains(c.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)));

        using var first = factory.Browser();
        await first.SignInAsync("lost@example.org");
        var (used, _) = await first.SubmitAsync("/account/sign-in/two-factor", new() { ["recoveryCode"] = codes[3] }, "/account/sign-in/two-factor?handler=Recovery");
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);

        using var second = factory.Browser();
        await second.SignInAsync("lost@example.org");
        var (again, body) = await second.SubmitAsync("/account/sign-in/two-factor", new() { ["recoveryCode"] = codes[3] }, "/account/sign-in/two-factor?handler=Recovery");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not valid", body, StringComparison.Ordinal);
        Assert.Equal(9, await factory.QueryAsync(db => db.RecoveryCodes.CountAsync(c => c.UserId == user.Id)));
    }

    [GeneratedRegex("<code class=\"secret\" id=\"totp-secret\">([A-Z2-7 ]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("<li>[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}</li>")]
    private static partial Regex RecoveryCode();
}
