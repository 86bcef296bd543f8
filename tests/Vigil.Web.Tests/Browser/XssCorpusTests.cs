using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Vigil.Disclosure.Reports;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;
using Chromium = Vigil.Testing.Browser;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The XSS corpus (<c>testdata/xss-payloads.txt</c>, our own list) in every user-controlled field, rendered in
/// headless Chromium on every page that shows the field: nothing runs, loads, navigates or gets into the DOM (see
/// <see cref="XssProbe"/>). Fields the server refuses a payload in answer with an error naming the field and store
/// nothing; forms that echo refused input back are rendered too.
/// </summary>
public sealed partial class XssCorpusTests(ITestOutputHelper output)
{
    private const string Reporter = "reporter@example.org";
    private const string Triager = "triager@example.org";

    // On SQLite only: what is checked here is rendering, which does not depend on the engine; storing hostile text on
    // both engines is the HTTP XSS tests' and the submission tests' part.
    [Fact]
    public async Task Every_payload_in_every_field_renders_inert_in_Chromium()
    {
        const string engine = "sqlite";
        var clock = Stopwatch.StartNew();
        var payloads = XssCorpus.Load(XssProbe.BeaconUrl);
        Assert.True(payloads.Count >= 100, $"the corpus has only {payloads.Count} payloads");
        Assert.Equal(payloads.Count, payloads.Distinct(StringComparer.Ordinal).Count());

        using var factory = await LiveServer.StartAsync(engine, new() { ["Vigil:RateLimits:Reports"] = "1000" });
        string secret = Totp.NewSecret();
        await factory.CreateUserAsync(Reporter, [Roles.Reporter]);
        await factory.CreateUserAsync(Triager, [Roles.Triager, Roles.Administrator], secret);
        using var reporter = factory.HttpBrowser();
        using var triager = factory.HttpBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.SignInAsync(Reporter)).StatusCode);
        await triager.SignInAsync(Triager);
        var (twoFactor, _) = await triager.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Code(secret, factory) });
        Assert.Equal(HttpStatusCode.Redirect, twoFactor.StatusCode);
        await triager.GetAsync("/account/tokens"); // the signed-in session's anti-forgery token

        // 1. Every payload into every field that takes text: a report each (title, description, proof of concept,
        // attachment name), a comment, an internal note, the reasons of two transitions, an API token's name.
        var reports = new List<(Guid Id, string Title, int Index)>();
        int refused = 0, tokens = 0;
        for (int i = 0; i < payloads.Count; i++)
        {
            string payload = payloads[i];
            bool forbidden = XssCorpus.HasForbiddenCharacter(payload);
            string title = XssCorpus.OneLine(payload, ReportLimits.Title);
            string fileName = new string(XssCorpus.OneLine(payload, 200).Where(c => c is >= ' ' and < (char)127).ToArray()) + ".txt";
            var (response, body) = await ReportSteps.SubmitFormAsync(reporter, ReportSteps.ValidForm(description: payload, title: title, proof: payload), (fileName, "x"u8.ToArray()));
            if (forbidden)
            {
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"payload {i} was not refused: {(int)response.StatusCode}");
                Assert.Contains("<strong>title</strong>", body, StringComparison.Ordinal);
                Assert.Contains("<strong>description</strong>", body, StringComparison.Ordinal);
                refused++;
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"payload {i} was refused ({(int)response.StatusCode}): {Excerpt(body)}");
                var id = Guid.Parse(ReportPath().Match(response.Headers.Location!.OriginalString).Groups[1].Value);
                reports.Add((id, title, i));
                await ExpectRedirectAsync(reporter, $"/reports/{id}/comment", new() { ["body"] = payload });
                await ExpectRedirectAsync(triager, $"/reports/{id}/comment", new() { ["body"] = payload, ["isInternal"] = "true" });
                await ExpectRedirectAsync(triager, $"/reports/{id}/transition", new() { ["action"] = "RequestInfo", ["reason"] = payload });
                await ExpectRedirectAsync(reporter, $"/reports/{id}/transition", new() { ["action"] = "ProvideInfo", ["reason"] = payload });
            }

            string tokenName = XssCorpus.OneLine(payload, 100);
            bool tokenRefused = XssCorpus.HasForbiddenCharacter(tokenName.Trim()); // the server trims first (U+2028 is white space)
            var (tokenPage, tokenBody) = await triager.PostAsync("/account/tokens", new() { ["name"] = tokenName, ["scopes"] = Scopes.ReportsRead, ["days"] = "30" }, withToken: true);
            if (payload.Contains('\0', StringComparison.Ordinal))
            {
                // ASP.NET Core's form reader refuses a NUL in a url-encoded form before any page code runs; the
                // server's field guard answers 400 naming the field, nothing stored. The count below checks the latter.
                Assert.True(tokenPage.StatusCode == HttpStatusCode.BadRequest, $"payload {i} as a token name: {(int)tokenPage.StatusCode}");
                Assert.Contains("The field \"name\" contains a NUL character", tokenBody, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(tokenPage.StatusCode == HttpStatusCode.OK, $"payload {i} as a token name: {(int)tokenPage.StatusCode} {Excerpt(tokenBody)}");
                Assert.Contains(tokenRefused ? "A token name must be one line of text" : "Copy it now", tokenBody, StringComparison.Ordinal);
            }

            tokens += tokenRefused ? 0 : 1;
        }

        Assert.Equal(reports.Count, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(tokens, await factory.QueryAsync(db => db.ApiTokens.CountAsync()));

        // 2. Every page that shows them, in Chromium, signed in as the reporter and as the triager.
        await using var chromium = await Chromium.LaunchAsync();
        var (reporterPage, reporterProbe) = await OpenAsync(chromium, factory);
        var (triagerPage, triagerProbe) = await OpenAsync(chromium, factory);
        var (anonymousPage, anonymousProbe) = await OpenAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(reporterPage, Reporter);
        factory.Time.Advance(TimeSpan.FromSeconds(Totp.StepSeconds)); // a code works once: the next step's
        await ChromiumSteps.SignInAsync(triagerPage, Triager, () => Code(secret, factory));
        Assert.Equal("/", new Uri(triagerPage.Url).AbsolutePath);

        long combinations = 0;
        foreach (var (id, title, index) in reports)
        {
            // The triager sees 8 payloads (title, description, proof, attachment, comment, internal note, two
            // reasons), the reporter all but the internal note.
            foreach (var (page, probe, who, fields, comments) in new[] { (reporterPage, reporterProbe, "reporter", 7, 1), (triagerPage, triagerProbe, "triager", 8, 2) })
            {
                string path = $"/reports/{id}";
                var response = await page.GotoAsync(path);
                Assert.Equal(200, response!.Status);
                // The title as text (a zero-width no-break space, U+FEFF, is dropped on the way: compared without it).
                Assert.Equal(title.Replace("\uFEFF", string.Empty, StringComparison.Ordinal).Trim(' '), (await page.Locator("main h1").TextContentAsync())!.Replace("\uFEFF", string.Empty, StringComparison.Ordinal).Trim(' '));
                Assert.Equal(comments, await page.Locator("article.comment").CountAsync());
                Assert.Equal(1, await page.Locator("main a[download]").CountAsync());
                await probe.CheckAsync(page, path, $"payload {index} on its report page as the {who}");
                combinations += fields;
            }
        }

        foreach (var (page, probe, who) in new[] { (reporterPage, reporterProbe, "reporter's list"), (triagerPage, triagerProbe, "triage dashboard") })
        {
            await page.GotoAsync("/reports");
            Assert.Equal(reports.Count, await page.Locator("table.reports tbody tr").CountAsync());
            await probe.CheckAsync(page, "/reports", who);
            combinations += reports.Count;
        }

        await triagerPage.GotoAsync("/account/tokens");
        Assert.Equal(tokens, await triagerPage.Locator("main table tbody tr").CountAsync());
        await triagerProbe.CheckAsync(triagerPage, "/account/tokens", "tokens page");
        combinations += tokens;

        // 3. Forms that echo refused input: the report form (every field at once) and registration (the address).
        foreach (var (payload, index) in payloads.Select((p, i) => (p, i)))
        {
            await reporterPage.GotoAsync("/reports/new");
            foreach (string field in new[] { "#package", "#versions", "#cwe", "#title", "#description", "#poc", "#cvss" })
            {
                await ChromiumSteps.SetValueAsync(reporterPage, field, payload);
            }

            await ChromiumSteps.SubmitAsync(reporterPage, reporterPage.GetByRole(AriaRole.Button, new() { Name = "Submit privately" }));
            Assert.True(await reporterPage.Locator("main [role=alert] strong", new() { HasText = "packageName" }).CountAsync() == 1, $"payload {index}: the report form did not name the package field");
            await reporterProbe.CheckAsync(reporterPage, "/reports/new", $"payload {index} echoed by the report form");
            combinations += 7;
        }

        Assert.Equal(reports.Count, await factory.QueryAsync(db => db.Reports.CountAsync()));

        int usersBefore = await factory.QueryAsync(db => db.Users.CountAsync());
        int registered = 0;
        foreach (var (payload, index) in payloads.Select((p, i) => (p, i)).Where(p => !p.p.Contains('\0', StringComparison.Ordinal)))
        {
            // A NUL never reaches a page (the form reader refuses it, see the token names above): only the others.
            await anonymousPage.GotoAsync("/account/register");
            string email = XssCorpus.OneLine(payload, 200) + "@example.org";
            await ChromiumSteps.SetValueAsync(anonymousPage, "#Email", email);
            await ChromiumSteps.SetValueAsync(anonymousPage, "#Password", PlatformFactory.Password);
            await ChromiumSteps.SubmitAsync(anonymousPage, anonymousPage.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
            bool sent = await anonymousPage.Locator("main [role=status]").CountAsync() == 1;
            bool error = await anonymousPage.Locator("main [role=alert]").CountAsync() == 1;
            Assert.True(sent != error, $"payload {index}: registration neither succeeded nor said what was wrong");
            registered += sent ? 1 : 0;
            await anonymousProbe.CheckAsync(anonymousPage, "/account/register", $"payload {index} in the address on the registration form");
            combinations++;
        }

        Assert.Equal(usersBefore + registered, await factory.QueryAsync(db => db.Users.CountAsync()));
        await triagerPage.GotoAsync("/admin/users");
        await triagerProbe.CheckAsync(triagerPage, "/admin/users", "users page");
        combinations += registered;

        var findings = reporterProbe.Findings.Concat(triagerProbe.Findings).Concat(anonymousProbe.Findings).ToList();
        int checks = reporterProbe.Checks + triagerProbe.Checks + anonymousProbe.Checks;
        output.WriteLine(
            $"{engine}: {payloads.Count} payloads; {reports.Count} reports stored, {refused} refused; {tokens} token names; {registered} addresses registered; " +
            $"{combinations} payload x field x page combinations rendered on {checks} pages in Chromium; {findings.Count} executions or injections; {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(findings.Count == 0, $"{findings.Count} findings:\n" + string.Join("\n", findings.Take(50)));
    }

    private static async Task<(IPage Page, XssProbe Probe)> OpenAsync(Chromium chromium, PlatformFactory factory)
    {
        var context = await chromium.Instance.NewContextAsync(new() { BaseURL = factory.Url() });
        var probe = await XssProbe.AttachAsync(context);
        return (await context.NewPageAsync(), probe);
    }

    private static string Code(string secret, PlatformFactory factory) =>
        Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow()));

    private static async Task ExpectRedirectAsync(TestBrowser browser, string path, Dictionary<string, string> fields)
    {
        var (response, body) = await browser.PostAsync(path, fields, withToken: true);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode}: {Excerpt(body)}");
    }

    private static string Excerpt(string body)
    {
        int at = body.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        return at < 0 ? body[..Math.Min(body.Length, 300)] : body[at..Math.Min(body.Length, at + 500)];
    }

    [GeneratedRegex("^/reports/([0-9a-f-]{36})$")]
    private static partial Regex ReportPath();
}
