using System.Net;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_over_the_limit_get_429_with_Retry_After()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:RateLimits:SignIn"] = "3" });
        using var browser = factory.Browser();

        for (int i = 0; i < 3; i++)
        {
            var (allowed, _) = await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "x@example.org", ["Password"] = "wrong password" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var (limited, _) = await browser.SubmitAsync("/account/sign-in", new() { ["Email"] = "x@example.org", ["Password"] = "wrong password" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        // Showing the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account/sign-in")).Response.StatusCode);
    }

    [Fact]
    public async Task API_calls_over_the_limit_get_429_with_Retry_After()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:RateLimits:Api"] = "2" });
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test") });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode);
        var limited = await client.GetAsync("/api/me", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
