using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

public sealed class SecurityHeaderTests
{
    public static readonly TheoryData<string> Paths = new()
    {
        "/", "/account/sign-in", "/account/register", "/account/access-denied", "/error", "/reference/api",
        "/css/site.css", "/openapi/v1.json", "/api/me", "/account/tokens", "/no-such-page",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_carries_the_CSP_and_security_headers(string path)
    {
        using var factory = new PlatformFactory();
        using var browser = factory.Browser();

        var (response, _) = await browser.GetAsync(path);

        string csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style()
    {
        using var factory = new PlatformFactory();
        using var browser = factory.Browser();
        var pages = new List<string>();
        foreach (string path in new[] { "/", "/account/sign-in", "/account/register", "/reference/api", factory.FirstStartPath() })
        {
            pages.Add((await browser.GetAsync(path)).Body);
        }

        // Pages showing form errors, too.
        pages.Add((await browser.SubmitAsync("/account/register", new() { ["Email"] = "not an address", ["Password"] = "short" })).Body);
        pages.Add((await browser.SubmitAsync(factory.FirstStartPath(), new() { ["Password"] = "short" })).Body);
        Assert.Contains("<ul class=\"error\" role=\"alert\">", pages[^1], StringComparison.Ordinal);
        foreach (string body in pages)
        {
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", body);
            Assert.DoesNotContain("<style", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" style=", body, StringComparison.Ordinal);
            Assert.DoesNotMatch("<[^>]+\\son[a-z]+\\s*=", body);
        }
    }

    [Fact]
    public async Task Session_and_anti_forgery_cookies_are_Secure_HttpOnly_and_SameSite()
    {
        using var factory = new PlatformFactory();
        await factory.CreateUserAsync("cookie@example.org");
        using var browser = factory.Browser();
        var (page, _) = await browser.GetAsync("/account/sign-in");
        var csrf = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil.csrf=", StringComparison.Ordinal));
        Assert.Contains("secure", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", csrf, StringComparison.OrdinalIgnoreCase);

        var signIn = await browser.SignInAsync("cookie@example.org");
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_on_a_laptop_the_forms_work_with_cookies_that_are_not_marked_Secure()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:PublicUrl"] = string.Empty });
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var csrf = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil.csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", csrf, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API_and_its_bearer_tokens()
    {
        using var factory = new PlatformFactory();
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test") });

        var document = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/me", out _));
        Assert.True(paths.TryGetProperty("/api/tokens", out _));
        Assert.True(paths.TryGetProperty("/api/tokens/{id}", out _));
        Assert.False(paths.TryGetProperty("/account/sign-in", out _));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("token");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }
}
