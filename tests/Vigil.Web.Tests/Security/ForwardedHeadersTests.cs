using System.Net;
using Microsoft.AspNetCore.Http;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The rate limits partition by the client's address: the TCP peer, or what a proxy named in
/// <c>Vigil:ForwardedHeaders</c> forwarded. The peer address is set on the request the way Kestrel sets it from the
/// socket (TestServer's <c>SendAsync</c> context), since every test request comes from the same loopback socket.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task A_forged_X_Forwarded_For_from_an_untrusted_peer_does_not_escape_the_limit()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:RateLimits:SignIn"] = "3" });
        // 127.0.0.1: the peer ASP.NET Core would trust by default. Vigil trusts no proxy unless configured.
        for (int i = 0; i < 3; i++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "127.0.0.1", $"198.51.100.{i + 1}"));
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "127.0.0.1", "198.51.100.99"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "127.0.0.1", null));
        // Another real peer has its own partition.
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "203.0.113.7", null));
    }

    [Theory]
    [InlineData("Vigil:ForwardedHeaders:KnownProxies", "192.0.2.10", "192.0.2.10")]
    [InlineData("Vigil:ForwardedHeaders:KnownNetworks", "10.1.0.0/16", "10.1.2.3")]
    public async Task A_trusted_proxy_s_X_Forwarded_For_partitions_by_the_real_client(string key, string value, string proxy)
    {
        using var factory = new PlatformFactory(new() { ["Vigil:RateLimits:SignIn"] = "3", [key] = value });
        for (int i = 0; i < 3; i++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, proxy, "198.51.100.1"));
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, proxy, "198.51.100.1"));
        // Another client behind the same proxy is not limited by the first one's attempts.
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, proxy, "198.51.100.2"));
        // Only the nearest hop counts: a client cannot pick its address by prepending one.
        Assert.Equal(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, proxy, "203.0.113.50, 198.51.100.1"));

        // A peer that is not the proxy is not believed, even now that a proxy is configured.
        for (int i = 0; i < 3; i++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "203.0.113.9", $"198.51.100.{10 + i}"));
        }

        Assert.Equal(StatusCodes.Status429TooManyRequests, await SignInPostAsync(factory, "203.0.113.9", "198.51.100.20"));
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_stops_the_server_naming_the_setting()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:ForwardedHeaders:KnownProxies"] = "proxy.example.org" });
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);
        Assert.Contains("Vigil:ForwardedHeaders:KnownProxies", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A sign-in post (no anti-forgery token: the limiter counts before the form is checked) from <paramref name="peer"/>.</summary>
    private static async Task<int> SignInPostAsync(PlatformFactory factory, string peer, string? forwardedFor)
    {
        _ = factory.Services;
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Scheme = "https";
            c.Request.Host = new HostString("vigil.test");
            c.Request.Path = "/account/sign-in";
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        }, TestContext.Current.CancellationToken);
        return context.Response.StatusCode;
    }
}
