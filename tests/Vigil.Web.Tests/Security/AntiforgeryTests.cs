using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

public sealed class AntiforgeryTests
{
    [Fact]
    public async Task A_form_posted_without_the_token_is_rejected_and_changes_nothing()
    {
        using var factory = new PlatformFactory();
        using var browser = factory.Browser();
        await browser.GetAsync("/account/register"); // has the cookie, but the form field is left out

        var (response, _) = await browser.PostAsync("/account/register", new() { ["Email"] = "csrf@example.org", ["Password"] = PlatformFactory.Password }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.Users.CountAsync(u => u.Email == "csrf@example.org")));
        Assert.Empty(await factory.OutboxToAsync("csrf@example.org"));
    }

    [Fact]
    public async Task A_cookie_authenticated_API_change_without_the_header_is_rejected_and_changes_nothing()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("api@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("api@example.org");

        var response = await browser.Client.PostAsJsonAsync("/api/tokens", new { name = "forged", scopes = new[] { Scopes.AccountRead }, days = 30 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await factory.QueryAsync(db => db.ApiTokens.CountAsync()));
    }

    [Fact]
    public async Task Sign_out_needs_a_post_with_the_token()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("out@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("out@example.org");

        var (forged, _) = await browser.PostAsync("/account/sign-out", [], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/tokens")).Response.StatusCode);
    }
}
