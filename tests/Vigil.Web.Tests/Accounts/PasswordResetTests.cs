using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed partial class PasswordResetTests
{
    private const string NewPassword = "a brand new passphrase 42";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_reset_link_works_once_ends_sessions_lifts_the_lockout_keeps_the_second_factor_and_is_audited(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        string totpSecret = Totp.NewSecret(); // stored sealed: the user row holds no plain secret
        var user = await factory.CreateUserAsync("forgetful@example.org", totpSecret: totpSecret);
        using var signedIn = factory.Browser();
        await SignInFullyAsync(factory, signedIn, "forgetful@example.org", totpSecret);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/account/tokens")).Response.StatusCode);
        using var attacker = factory.Browser();
        for (int i = 0; i < 5; i++)
        {
            await attacker.SignInAsync("forgetful@example.org", "not the password at all");
        }

        var (_, locked) = await attacker.SubmitAsync("/account/sign-in", new() { ["Email"] = "forgetful@example.org", ["Password"] = PlatformFactory.Password });
        Assert.Contains("locked", locked, StringComparison.Ordinal);

        using var owner = factory.Browser();
        var (asked, _) = await owner.SubmitAsync("/account/forgot-password", new() { ["Email"] = "forgetful@example.org" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        string secret = LinkSecret((await factory.OutboxToAsync("forgetful@example.org")).Single().TextBody);

        // Only the hash is stored.
        var stored = await factory.QueryAsync(db => db.UserTokens.AsNoTracking().Select(t => t.Value!).ToListAsync());
        Assert.DoesNotContain(stored, v => v.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(stored, v => v.StartsWith(SecretTokens.Hash(secret) + ":", StringComparison.Ordinal));

        // Opening the link (twice: a mail client's preview) uses nothing up.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/account/reset-password/{secret}")).Response.StatusCode);
        var (tooShort, shortBody) = await owner.SubmitAsync($"/account/reset-password/{secret}", new() { ["Password"] = "short" });
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.DoesNotContain("Your password is changed", shortBody, StringComparison.Ordinal);
        var (reset, resetBody) = await owner.SubmitAsync($"/account/reset-password/{secret}", new() { ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Your password is changed", resetBody, StringComparison.Ordinal);

        // Once only.
        var (again, _) = await owner.SubmitAsync($"/account/reset-password/{secret}", new() { ["Password"] = "yet another passphrase" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        // The old session is over; the old password is gone; the lockout is lifted, but the second factor is still asked for.
        var (after, _) = await signedIn.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("https://vigil.test/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var fresh = factory.Browser();
        var (old, oldBody) = await fresh.SubmitAsync("/account/sign-in", new() { ["Email"] = "forgetful@example.org", ["Password"] = PlatformFactory.Password });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Contains("wrong", oldBody, StringComparison.Ordinal);
        var newSignIn = await fresh.SignInAsync("forgetful@example.org", NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, newSignIn.StatusCode);
        Assert.StartsWith("/account/sign-in/two-factor", newSignIn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var mails = await factory.OutboxToAsync("forgetful@example.org");
        Assert.Contains(mails, m => m.Subject == "Your Vigil password was changed");
        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Subject == user.Id).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.PasswordResetRequested, AuditActions.PasswordReset], audit);
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_request_answers_the_same_for_any_address_and_mails_only_usable_accounts_at_most_every_two_minutes(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("known@example.org");
        var disabled = await factory.CreateUserAsync("disabled@example.org");
        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Web.Infrastructure.Persistence.PlatformUser>>();
            var account = (await users.FindByIdAsync(disabled.Id))!;
            account.DisabledAt = factory.Time.GetUtcNow().UtcDateTime;
            return await users.UpdateAsync(account);
        });
        using var browser = factory.Browser();

        var (_, known) = await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "known@example.org" });
        var (_, unknown) = await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "nobody@example.org" });
        var (_, off) = await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "disabled@example.org" });
        Assert.Contains("If that address has a Vigil account", known, StringComparison.Ordinal);
        Assert.Equal(known, unknown);
        Assert.Equal(known, off);
        Assert.Single(await factory.OutboxToAsync("known@example.org"));
        Assert.Empty(await factory.OutboxToAsync("nobody@example.org"));
        Assert.Empty(await factory.OutboxToAsync("disabled@example.org"));

        // Asking again at once sends nothing more (a mailbox is not a target), later a new link that replaces the first.
        await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "known@example.org" });
        Assert.Single(await factory.OutboxToAsync("known@example.org"));
        string first = LinkSecret((await factory.OutboxToAsync("known@example.org"))[0].TextBody);
        factory.Time.Advance(PasswordResets.MailInterval + TimeSpan.FromSeconds(1));
        await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "known@example.org" });
        var mails = await factory.OutboxToAsync("known@example.org");
        Assert.Equal(2, mails.Count);
        string second = LinkSecret(mails[1].TextBody);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/account/reset-password/{first}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/account/reset-password/{second}")).Response.StatusCode);

        // And it expires.
        factory.Time.Advance(PasswordResets.Lifetime);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/account/reset-password/{second}")).Response.StatusCode);
        var (late, _) = await browser.SubmitAsync($"/account/reset-password/{second}", new() { ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
    }

    [Fact]
    public async Task Reset_requests_over_the_limit_get_429()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:RateLimits:PasswordReset"] = "2" });
        using var browser = factory.Browser();
        for (int i = 0; i < 2; i++)
        {
            var (allowed, _) = await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = $"x{i}@example.org" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var (limited, _) = await browser.SubmitAsync("/account/forgot-password", new() { ["Email"] = "x@example.org" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var (link, _) = await browser.SubmitAsync("/account/reset-password/guess", new() { ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, link.StatusCode);
    }

    internal static async Task SignInFullyAsync(PlatformFactory factory, TestBrowser browser, string email, string totpSecret)
    {
        await browser.SignInAsync(email);
        string code = Totp.Code(Base32.Decode(totpSecret), Totp.StepAt(factory.Time.GetUtcNow()));
        var (response, _) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string LinkSecret(string mail)
    {
        var match = Link().Match(mail);
        Assert.True(match.Success, mail);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"https://vigil\.test/account/reset-password/([A-Za-z0-9_\-]+)")]
    private static partial Regex Link();
}
