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

/// <summary>
/// A form tag with an explicit <c>action</c> gets no anti-forgery token from the tag helper unless it asks for one:
/// real browsers then get an empty 400 (the HTTP tests, which take the token from elsewhere on the page, did not see
/// it). Every posting form in the pages must carry the token one way or the other.
/// </summary>
public sealed partial class FormTokenTests
{
    [Fact]
    public void Every_posting_form_in_the_pages_carries_the_anti_forgery_token()
    {
        string pages = Path.Combine(Vigil.Testing.SharedData.RepositoryRoot, "src", "Vigil.Web");
        var problems = new List<string>();
        int forms = 0;
        foreach (string file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match form in PostingForm().Matches(text))
            {
                forms++;
                string tag = form.Groups["tag"].Value;
                string body = form.Groups["body"].Value;
                bool explicitAction = tag.Contains(" action=", StringComparison.Ordinal);
                bool token = !explicitAction || tag.Contains("asp-antiforgery=\"true\"", StringComparison.Ordinal) || body.Contains("@Html.AntiForgeryToken()", StringComparison.Ordinal);
                if (!token)
                {
                    problems.Add($"{Path.GetRelativePath(pages, file)}: {tag}");
                }
            }
        }

        Assert.True(forms > 10, $"only {forms} posting forms found: the pattern no longer matches the pages");
        Assert.Empty(problems);
    }

    [System.Text.RegularExpressions.GeneratedRegex("""(?<tag><form\b[^>]*\bmethod="post"[^>]*>)(?<body>.*?)</form>""", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PostingForm();
}
