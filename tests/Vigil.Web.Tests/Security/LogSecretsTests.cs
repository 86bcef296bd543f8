using System.Text.RegularExpressions;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

public sealed partial class LogSecretsTests
{
    [Fact]
    public async Task Links_codes_tokens_passwords_and_addresses_never_reach_the_log()
    {
        using var factory = new PlatformFactory();
        string welcome = factory.FirstStartPath();
        using var browser = factory.Browser();

        // Registration (a confirmation code), a failed and a good sign-in, a token, the first-start link, a failed
        // delivery: everything that handles a secret.
        await browser.SubmitAsync("/account/register", new() { ["Email"] = "secret-person@example.org", ["Password"] = PlatformFactory.Password });
        string code = ConfirmCode().Match(Assert.Single(await factory.OutboxToAsync("secret-person@example.org")).TextBody).Groups[1].Value;
        await factory.CreateUserAsync("logs@example.org");
        await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "logs@example.org", ["Password"] = "a wrong password here" });
        await browser.SignInAsync("logs@example.org");
        string token = (await ApiCalls.CreateTokenAsync(browser, "t", [Scopes.AccountRead])).GetProperty("token").GetString()!;
        using var tool = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test") });
        await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", token);
        await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", token + "x");
        using var admin = factory.Browser();
        await admin.SubmitAsync(welcome, new() { ["Password"] = "the administrator's passphrase" });
        factory.Mail.FailuresToCome = 1;
        await factory.WithScopeAsync(services => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Vigil.Web.Infrastructure.Mail.OutboxDelivery>(services).DeliverDueAsync());

        string log = string.Join('\n', factory.Logs.Lines);
        Assert.NotEmpty(factory.Logs.Lines);
        Assert.Contains("Outbox message", log, StringComparison.Ordinal); // the failed delivery was logged ...
        foreach (string secret in new[]
        {
            welcome["/account/welcome/".Length..], Uri.UnescapeDataString(code), token, PlatformFactory.Password, "a wrong password here",
            "the administrator's passphrase", "secret-person@example.org", "logs@example.org",
        })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal); // ... without who it was for
        }
    }

    [GeneratedRegex(@"[?&]code=([^&\s]+)")]
    private static partial Regex ConfirmCode();
}
