using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed class DisabledAccountTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Disabling_an_account_ends_its_session_and_its_tokens_on_the_next_request(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("gone@example.org");
        string adminSecret = Totp.NewSecret();
        await factory.CreateUserAsync("boss@example.org", [Roles.Administrator], adminSecret);
        using var browser = factory.Browser();
        await browser.SignInAsync("gone@example.org");
        string token = (await ApiCalls.CreateTokenAsync(browser, "t", [Scopes.AccountRead])).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).Response.StatusCode);

        // The administrator disables the account through the page.
        using var admin = factory.Browser();
        await admin.SignInAsync("boss@example.org");
        string code = Totp.Code(Base32.Decode(adminSecret), Totp.StepAt(factory.Time.GetUtcNow()));
        await admin.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = code });
        var (disabled, _) = await admin.SubmitAsync("/admin/users", new() { ["id"] = user.Id }, "/admin/users?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var (page, _) = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://vigil.test/account/sign-in", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var tool = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test") });
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", token)).StatusCode);
        var (signIn, body) = await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "gone@example.org", ["Password"] = PlatformFactory.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("cannot sign in", body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_password_change_elsewhere_ends_the_session_on_the_next_request(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("moved@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("moved@example.org");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).Response.StatusCode);

        await factory.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PlatformUser>>();
            return await users.ChangePasswordAsync((await users.FindByIdAsync(user.Id))!, PlatformFactory.Password, "a completely new passphrase");
        });

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/tokens")).Response.StatusCode);
    }
}
