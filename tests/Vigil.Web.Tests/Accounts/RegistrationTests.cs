using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed partial class RegistrationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Registration_mails_a_confirmation_link_through_the_outbox_and_the_link_lets_the_user_sign_in(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var browser = factory.Browser();

        var (response, body) = await browser.SubmitAsync("/account/register", new() { ["Email"] = "ada@example.org", ["Password"] = PlatformFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Check your e-mail", body, StringComparison.Ordinal);

        // Before confirming, sign-in is refused.
        var early = await browser.SignInAsync("ada@example.org");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);

        var mail = Assert.Single(await factory.OutboxToAsync("ada@example.org"));
        Assert.EndsWith("@localhost", mail.MessageId, StringComparison.Ordinal);
        string link = ConfirmLink().Match(mail.TextBody).Value;
        Assert.StartsWith("https://vigil.test/account/confirm-email?", link, StringComparison.Ordinal);
        string path = link["https://vigil.test".Length..];

        var (_, confirmPage) = await browser.GetAsync(path);
        Assert.Contains("Confirm my address", confirmPage, StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query);
        var (_, confirmed) = await browser.PostAsync(path, new() { ["user"] = query["user"]!, ["code"] = query["code"]! }, withToken: true);
        Assert.Contains("Your address is confirmed", confirmed, StringComparison.Ordinal);

        var signIn = await browser.SignInAsync("ada@example.org");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var (home, homeBody) = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Signed in as <strong>ada@example.org</strong>", homeBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_taken_address_reads_the_same_and_only_mails_the_owner()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("taken@example.org");
        using var browser = factory.Browser();

        var (_, body) = await browser.SubmitAsync("/account/register", new() { ["Email"] = "taken@example.org", ["Password"] = "another long password" });

        Assert.Contains("Check your e-mail", body, StringComparison.Ordinal);
        var mail = Assert.Single(await factory.OutboxToAsync("taken@example.org"));
        Assert.Contains("already has one", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.Users.CountAsync(u => u.Email == "taken@example.org")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Sign_in_locks_the_account_after_five_failures_even_for_the_right_password(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("lock@example.org");
        using var browser = factory.Browser();

        for (int i = 0; i < 5; i++)
        {
            var (wrong, body) = await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "lock@example.org", ["Password"] = "wrong password " + i });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(i < 4 ? "is wrong" : "locked", body, StringComparison.Ordinal);
        }

        var (right, rightBody) = await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "lock@example.org", ["Password"] = PlatformFactory.Password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", rightBody, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://vigil\.test/account/confirm-email\?\S+")]
    private static partial Regex ConfirmLink();
}
