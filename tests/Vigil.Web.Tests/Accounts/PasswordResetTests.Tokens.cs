using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Accounts;

public sealed partial class PasswordResetTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_reset_revokes_every_api_token_and_signs_out_every_session_made_before(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("owner@example.org");
        using var session = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("owner@example.org")).StatusCode);
        string first = (await ApiCalls.CreateTokenAsync(session, "ci", ["reports:read"])).GetProperty("token").GetString()!;
        string second = (await ApiCalls.CreateTokenAsync(session, "laptop", ["reports:read", "reports:write"])).GetProperty("token").GetString()!;
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });
        foreach (string token in new[] { first, second })
        {
            using var before = await ApiCalls.WithTokenAsync(client, HttpMethod.Get, "/api/reports", token);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var other = factory.Browser();
        var (asked, _) = await other.SubmitAsync("/account/forgot-password", new() { ["Email"] = "owner@example.org" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        string secret = LinkSecret((await factory.OutboxToAsync("owner@example.org")).Single().TextBody);
        var (reset, resetBody) = await other.SubmitAsync($"/account/reset-password/{secret}", new() { ["Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Contains("Your password is changed", resetBody, StringComparison.Ordinal);

        foreach (string token in new[] { first, second })
        {
            using var after = await ApiCalls.WithTokenAsync(client, HttpMethod.Get, "/api/reports", token);
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        var (page, _) = await session.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("https://vigil.test/account/sign-in", page.Headers.Location!.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await factory.QueryAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt != null)));
        Assert.Contains(await factory.OutboxToAsync("owner@example.org"), m => m.TextBody.Contains("your 2 API tokens were revoked", StringComparison.Ordinal));
        Assert.Equal("tokens-revoked=2", await factory.QueryAsync(db => db.AuditLog.Where(a => a.Action == AuditActions.PasswordReset).Select(a => a.Detail).SingleAsync()));

        // A token made after the reset works.
        using var fresh = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.SignInAsync("owner@example.org", NewPassword)).StatusCode);
        string third = (await ApiCalls.CreateTokenAsync(fresh, "new", ["reports:read"])).GetProperty("token").GetString()!;
        using var works = await ApiCalls.WithTokenAsync(client, HttpMethod.Get, "/api/reports", third);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
    }
}
