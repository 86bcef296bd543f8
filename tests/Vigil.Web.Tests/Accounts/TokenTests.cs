using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed class TokenTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_token_is_shown_once_and_stored_only_as_its_SHA256(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("tool@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("tool@example.org");

        string secret = (await ApiCalls.CreateTokenAsync(browser, "ci", [Scopes.AccountRead])).GetProperty("token").GetString()!;

        Assert.StartsWith(ApiTokenService.Prefix, secret, StringComparison.Ordinal);
        var row = await factory.QueryAsync(db => db.ApiTokens.AsNoTracking().SingleAsync());
        Assert.Equal(SecretTokens.Hash(secret), row.Hash);
        Assert.DoesNotContain(secret, factory.DatabaseText(), StringComparison.Ordinal);
        var listed = await browser.Client.GetFromJsonAsync<JsonElement>("/api/tokens", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret[8..], listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_works_only_within_its_scopes_and_never_for_pages_or_token_management()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("scoped@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("scoped@example.org");
        string account = (await ApiCalls.CreateTokenAsync(browser, "me", [Scopes.AccountRead])).GetProperty("token").GetString()!;
        string reports = (await ApiCalls.CreateTokenAsync(browser, "reports", [Scopes.ReportsRead])).GetProperty("token").GetString()!;
        using var tool = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });

        var me = await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", account);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("scoped@example.org", body.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", reports)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/tokens", account)).StatusCode);
        // A page ignores the token: the request is anonymous and is sent to sign in.
        Assert.Equal(HttpStatusCode.Redirect, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/account/tokens", account)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", account + "x")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Expired_and_revoked_tokens_are_refused_on_the_next_request(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("expiry@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("expiry@example.org");
        var created = await ApiCalls.CreateTokenAsync(browser, "short", [Scopes.AccountRead], days: 1);
        string shortLived = created.GetProperty("token").GetString()!;
        var revokable = await ApiCalls.CreateTokenAsync(browser, "revoked", [Scopes.AccountRead], days: 30);
        string revoked = revokable.GetProperty("token").GetString()!;
        using var tool = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test") });
        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", revoked)).StatusCode);

        using (var request = new HttpRequestMessage(HttpMethod.Delete, "/api/tokens/" + revokable.GetProperty("id").GetString()))
        {
            request.Headers.Add("X-CSRF-TOKEN", browser.FormToken);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", revoked)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", shortLived)).StatusCode);
        factory.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiCalls.WithTokenAsync(tool, HttpMethod.Get, "/api/me", shortLived)).StatusCode);
    }
}
