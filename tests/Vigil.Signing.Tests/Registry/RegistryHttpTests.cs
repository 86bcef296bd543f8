using System.Net;
using Vigil.Signing.Registry;
using Vigil.Testing.Registry;

namespace Vigil.Signing.Tests.Registry;

/// <summary>Redirects, tokens and size caps of <see cref="RegistryHttp"/>, against stand-in registries on loopback.</summary>
public sealed class RegistryHttpTests : IDisposable
{
    private const string Token = "test-token-1b7e";
    private readonly StandInRegistry _first = StandInRegistry.Start();
    private readonly StandInRegistry _second = StandInRegistry.Start();
    private readonly HttpClient _http = new(RegistryHttp.CreateHandler());

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        _http.Dispose();
    }

    // The token is configured for the first registry's host and port only, as npmrc's //host:port/:_authToken.
    private RegistryHttp Client() =>
        new(_http, url => url.Authority == _first.Url.Authority ? Token : null, TimeSpan.FromSeconds(10));

    private Task<RegistryHttp.Answer> GetAsync(Uri url, long maxBytes = 1 << 20) =>
        Client().GetAsync(url, "application/json", maxBytes, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_redirect_to_another_host_is_followed_without_the_token()
    {
        _second.AddPackage("left-pad", "1.3.0");
        _first.Redirect("/left-pad", new Uri(_second.Url, "left-pad").AbsoluteUri);

        var answer = await GetAsync(new Uri(_first.Url, "left-pad"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(["Bearer " + Token], _first.Authorizations);
        Assert.Empty(_second.Authorizations);
    }

    [Fact]
    public async Task A_redirect_to_plain_http_off_loopback_is_not_followed()
    {
        _first.Redirect("/left-pad", "http://registry.example.org/left-pad");
        var answer = await GetAsync(new Uri(_first.Url, "left-pad"));
        Assert.Null(answer.Body);
        Assert.Contains("neither https nor loopback", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_redirects_stop()
    {
        _first.Redirect("/a", new Uri(_first.Url, "b").AbsoluteUri);
        _first.Redirect("/b", new Uri(_first.Url, "a").AbsoluteUri);
        var answer = await GetAsync(new Uri(_first.Url, "a"));
        Assert.Null(answer.Body);
        Assert.Contains("redirects more than", answer.Reason, StringComparison.Ordinal);
        Assert.Equal(RegistryHttp.MaxRedirects + 1, _first.Requests.Count);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_refused_and_reasons_never_hold_the_token()
    {
        _first.AddPackage("left-pad", "1.3.0");
        var answer = await GetAsync(new Uri(_first.Url, "left-pad"), maxBytes: 64);
        Assert.Null(answer.Body);
        Assert.Contains("larger than", answer.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, answer.Reason, StringComparison.Ordinal);
    }
}
