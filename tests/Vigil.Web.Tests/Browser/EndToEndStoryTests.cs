using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Vigil.Data.Advisories;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;
using Chromium = Vigil.Testing.Browser;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// The whole story in headless Chromium, with mail through a real SMTP server: a reporter registers, confirms by
/// the e-mail, submits a report; a triager enrols a second factor, signs in with it and accepts the report; the
/// maintainer is invited by e-mail, registers and joins; the fix is recorded; the report is published. Screenshots
/// of the main pages are saved in <see cref="Chromium.ScreenshotFolder"/>.
/// </summary>
public sealed partial class EndToEndStoryTests(ITestOutputHelper output)
{
    private const string ReporterEmail = "reporter@example.org";
    private const string TriagerEmail = "triager@example.org";
    private const string MaintainerEmail = "maintainer@example.org";
    private const string Title = "Prototype pollution in padStart";
    private const string Vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_report_goes_from_registration_to_publication_in_the_browser(string engine)
    {
        var clock = Stopwatch.StartNew();
        var cancel = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: cancel);
        using var factory = await LiveServer.StartAsync(engine, new()
        {
            ["Vigil:Smtp:Host"] = sink.Host,
            ["Vigil:Smtp:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Vigil:Smtp:UseTls"] = "false",
            ["Vigil:Smtp:From"] = "vigil@example.org",
            ["Vigil:Smtp:PollSeconds"] = "1",
        }, realMail: true);
        await using var chromium = await Chromium.LaunchAsync();
        var screenshots = new List<string>();
        async Task ShotAsync(IPage page, string name) =>
            screenshots.Add(await Chromium.ScreenshotAsync(page, $"story-{engine}-{screenshots.Count + 1:00}-{name}"));

        // The reporter registers, and confirms the address with the link the SMTP server received.
        var reporter = await NewPageAsync(chromium, factory);
        await reporter.GotoAsync("/");
        await reporter.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).ClickAsync();
        await reporter.WaitForURLAsync("**/account/register");
        await reporter.GetByLabel("E-mail address").FillAsync(ReporterEmail);
        await reporter.GetByLabel("Password").FillAsync(PlatformFactory.Password);
        await ShotAsync(reporter, "register");
        await ChromiumSteps.SubmitAsync(reporter, reporter.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        Assert.Contains(ReporterEmail, await reporter.Locator("main [role=status]").TextContentAsync(), StringComparison.Ordinal);
        await ConfirmAsync(reporter, await LinkInMailAsync(sink, ReporterEmail, "Confirm your e-mail address", factory));
        await ChromiumSteps.SignInAsync(reporter, ReporterEmail);
        Assert.Equal("/", new Uri(reporter.Url).AbsolutePath);

        // The report: the vulnerability type chosen by its name, the CVSS score shown live as the vector is typed.
        await reporter.GotoAsync("/reports");
        await reporter.GetByRole(AriaRole.Link, new() { Name = "Report a vulnerability" }).First.ClickAsync();
        await reporter.WaitForURLAsync("**/reports/new");
        await reporter.GetByLabel("Package").First.FillAsync("left-pad");
        await reporter.GetByLabel("Affected versions").FillAsync("<1.3.1");
        string cwe = (await reporter.Locator("#cwe-list option", new() { HasText = "Prototype Pollution" }).GetAttributeAsync("value"))!;
        Assert.Equal("CWE-1321", cwe);
        await reporter.GetByLabel("Vulnerability type").FillAsync(cwe);
        await reporter.GetByLabel("Title").FillAsync(Title);
        await reporter.GetByLabel("Description").FillAsync("Calling `pad(obj)` with a crafted object **pollutes** `Object.prototype`.");
        await reporter.GetByLabel("Proof of concept").FillAsync("```js\npad(JSON.parse('{\"__proto__\":{\"polluted\":1}}'))\n```");
        await reporter.GetByLabel("CVSS vector").PressSequentiallyAsync(Vector);
        await reporter.WaitForFunctionAsync("() => document.getElementById('cvss-score').textContent.startsWith('Score')");
        Assert.Equal("Score 9.8 (critical)", await reporter.Locator("#cvss-score").TextContentAsync());
        await ShotAsync(reporter, "report-form");
        await reporter.GetByRole(AriaRole.Button, new() { Name = "Submit privately" }).ClickAsync();
        await reporter.WaitForURLAsync(ReportUrl());
        var id = Guid.Parse(ReportUrl().Match(reporter.Url).Groups[1].Value);
        Assert.Equal(Title, await reporter.Locator("main h1").TextContentAsync());
        Assert.Equal("new", await reporter.Locator(".state").TextContentAsync());
        Assert.Contains("9.8", await reporter.Locator("dl.facts").TextContentAsync(), StringComparison.Ordinal);
        await ShotAsync(reporter, "report-as-reporter");

        // The triager: an account an administrator made; the role needs a second factor, enrolled in the browser.
        await factory.CreateUserAsync(TriagerEmail, [Roles.Triager]);
        var triager = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(triager, TriagerEmail);
        Assert.Equal("/account/two-factor", new Uri(triager.Url).AbsolutePath);
        string secret = (await triager.Locator("#totp-secret").TextContentAsync())!.Replace(" ", string.Empty, StringComparison.Ordinal);
        await triager.GetByLabel("Code", new() { Exact = true }).FillAsync(Code(secret, factory));
        await triager.GetByLabel("Password", new() { Exact = true }).FillAsync(PlatformFactory.Password);
        await ChromiumSteps.SubmitAsync(triager, triager.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }));
        Assert.Equal(10, await triager.Locator("ul.codes li").CountAsync());
        await ChromiumSteps.SubmitAsync(triager, triager.GetByRole(AriaRole.Button, new() { Name = "Sign out" }));
        factory.Time.Advance(TimeSpan.FromSeconds(Totp.StepSeconds)); // a code works once: the next one
        await ChromiumSteps.SignInAsync(triager, TriagerEmail, () => Code(secret, factory));
        Assert.Equal("/", new Uri(triager.Url).AbsolutePath);
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.Email == TriagerEmail).Select(u => u.TwoFactorEnabled).SingleAsync()));

        // The dashboard lists the report; the triager accepts it, invites the maintainer and marks them contacted.
        await triager.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await triager.WaitForURLAsync("**/reports");
        Assert.Equal("Triage dashboard", await triager.Locator("main h1").TextContentAsync());
        await ShotAsync(triager, "triage-dashboard");
        await triager.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await triager.WaitForURLAsync(ReportUrl());
        await ShotAsync(triager, "report-as-triager");
        await TransitionAsync(triager, "Accept", "accepted");
        await triager.GetByLabel("Invite a maintainer of").FillAsync(MaintainerEmail);
        await ChromiumSteps.SubmitAsync(triager, triager.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }));
        await TransitionAsync(triager, "Maintainers contacted", "maintainer-contacted");

        // The maintainer follows the invitation: not signed in, so to the sign-in page; no account yet, so they
        // register, confirm, and come back through the same link.
        string invitation = await LinkInMailAsync(sink, MaintainerEmail, "invited to a private vulnerability report", factory);
        Assert.Matches("/invitations/[A-Za-z0-9_-]+$", invitation);
        var maintainer = await NewPageAsync(chromium, factory);
        await maintainer.GotoAsync(invitation);
        Assert.Equal("/account/sign-in", new Uri(maintainer.Url).AbsolutePath);
        await maintainer.GetByRole(AriaRole.Link, new() { Name = "Create one" }).ClickAsync();
        await maintainer.WaitForURLAsync("**/account/register");
        await maintainer.GetByLabel("E-mail address").FillAsync(MaintainerEmail);
        await maintainer.GetByLabel("Password").FillAsync(PlatformFactory.Password);
        await ChromiumSteps.SubmitAsync(maintainer, maintainer.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        await ConfirmAsync(maintainer, await LinkInMailAsync(sink, MaintainerEmail, "Confirm your e-mail address", factory));
        await maintainer.GotoAsync(invitation);
        await maintainer.GetByLabel("E-mail address").FillAsync(MaintainerEmail);
        await maintainer.GetByLabel("Password").FillAsync(PlatformFactory.Password);
        await ChromiumSteps.SubmitAsync(maintainer, maintainer.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
        Assert.Equal(new Uri(invitation).AbsolutePath, new Uri(maintainer.Url).AbsolutePath);
        await ShotAsync(maintainer, "invitation");
        await maintainer.GetByRole(AriaRole.Button, new() { Name = "Join the report" }).ClickAsync();
        await maintainer.WaitForURLAsync(ReportUrl());
        Assert.Equal(Title, await maintainer.Locator("main h1").TextContentAsync());

        // The fix, recorded by the maintainer; the triager publishes.
        await TransitionAsync(maintainer, "Fix in progress", "fix-in-progress");
        await maintainer.GetByLabel("First fixed version").FillAsync("1.3.1");
        await TransitionAsync(maintainer, "Mark fixed", "fixed");
        Assert.Contains("1.3.1", await maintainer.Locator("dl.facts").TextContentAsync(), StringComparison.Ordinal);
        await triager.ReloadAsync();
        await TransitionAsync(triager, "Publish", "published");
        await ShotAsync(triager, "published-report");
        Assert.Equal("published", await factory.QueryAsync(db => db.Reports.Where(r => r.Id == id).Select(r => r.State).SingleAsync()));
        Assert.Equal(
            ["accepted", "maintainer-contacted", "fix-in-progress", "fixed", "published"],
            await factory.QueryAsync(db => db.ReportEvents.Where(e => e.ReportId == id).OrderBy(e => e.Id).Select(e => e.ToState).ToListAsync()));

        // The public side: the list, the advisory page, the feed, and `vigil db show` on the database published to.
        await AssertPublicPagesShowAsync(await NewPageAsync(chromium, factory), Title, "left-pad", "1.3.1", advisoryId => VigilDbShowAsync(engine, factory, advisoryId));

        foreach (string path in screenshots)
        {
            var png = await File.ReadAllBytesAsync(path, cancel);
            Assert.True(png.Length > 10_000, $"{path} is only {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }

        Assert.Equal(7, screenshots.Count);
        output.WriteLine($"{engine}: the story took {clock.Elapsed.TotalSeconds:0.0} s; {sink.Messages.Count} messages through SMTP; screenshots: {string.Join(", ", screenshots.Select(Path.GetFileName))} in {Chromium.ScreenshotFolder}");
    }

    /// <summary>
    /// The story's last step: an anonymous visitor finds the advisory in the public list, opens it, finds it in the feed the list
    /// page links to, and <c>vigil db show</c> finds it by its id.
    /// </summary>
    /// <param name="anonymous">A page in a fresh context (not signed in) on the live server.</param>
    /// <param name="title">The report's title, which the advisory carries.</param>
    /// <param name="package">The affected package.</param>
    /// <param name="fixedVersion">The first fixed version.</param>
    /// <param name="vigilDbShow">
    /// Runs <c>vigil db show &lt;id&gt;</c> against the advisory database the platform publishes to, and returns the
    /// exit code and output.
    /// </param>
    internal static async Task AssertPublicPagesShowAsync(IPage anonymous, string title, string package, string fixedVersion, Func<string, Task<(int ExitCode, string Output)>> vigilDbShow)
    {
        var list = await anonymous.GotoAsync("/advisories");
        Assert.Equal(200, list!.Status);
        await anonymous.Locator("table.advisories tbody tr", new() { HasText = title }).GetByRole(AriaRole.Link).First.ClickAsync(); // the row of its summary
        await anonymous.WaitForURLAsync(new Regex("/advisories/[^/]+$"));
        string advisoryId = Uri.UnescapeDataString(new Uri(anonymous.Url).Segments[^1]);
        string page = (await anonymous.Locator("main").TextContentAsync())!;
        Assert.Contains(title, page, StringComparison.Ordinal);
        Assert.Contains(package, page, StringComparison.Ordinal);
        Assert.Contains(fixedVersion, page, StringComparison.Ordinal);
        await Chromium.ScreenshotAsync(anonymous, "story-public-advisory");

        await anonymous.GotoAsync("/advisories");
        string? feed = await anonymous.Locator("link[type='application/atom+xml']").GetAttributeAsync("href");
        Assert.False(string.IsNullOrEmpty(feed), "the advisories page links no Atom feed");
        var atom = await anonymous.APIRequest.GetAsync(feed);
        Assert.Equal(200, atom.Status);
        string xml = await atom.TextAsync();
        Assert.Contains(advisoryId, xml, StringComparison.Ordinal);
        Assert.Contains(title, xml, StringComparison.Ordinal);

        var (exitCode, shown) = await vigilDbShow(advisoryId);
        Assert.Equal(0, exitCode);
        Assert.Contains(advisoryId, shown, StringComparison.Ordinal);
        Assert.Contains(package, shown, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>vigil db show</c>: on SQLite the real <c>vigil</c> program (built beside these tests) on the platform's own
    /// file; the CLI reads SQLite only, so on PostgreSQL the server's advisory store answers the same lookup.
    /// </summary>
    private static Task<(int ExitCode, string Output)> VigilDbShowAsync(string engine, PlatformFactory factory, string advisoryId)
    {
        if (engine != "sqlite")
        {
            var found = factory.Services.GetRequiredService<AdvisoryStore>().Find(advisoryId);
            return Task.FromResult((found.Count == 1 ? 0 : 1, string.Join('\n', found.Select(a => a.Record.Id + " " + string.Join(' ', (a.Record.Affected ?? []).Select(x => x.Package?.Name))))));
        }

        // tests/Vigil.Web.Tests/bin/<configuration>/<framework>/: the CLI was built with the same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string vigil = Path.Combine(SharedData.RepositoryRoot, "src", "Vigil.Cli", "bin", output.Parent!.Name, output.Name, "vigil");
        Assert.True(File.Exists(vigil), $"{vigil} is missing: build the solution (the test project builds src/Vigil.Cli first)");
        var run = NodeTools.Run(vigil, ["db", "show", advisoryId, "--db", factory.DatabasePath], SharedData.RepositoryRoot, string.Empty, TimeSpan.FromSeconds(60));
        return Task.FromResult((run.ExitCode, run.StandardOutput + run.StandardError));
    }

    private static async Task<IPage> NewPageAsync(Chromium chromium, PlatformFactory factory)
    {
        var context = await chromium.Instance.NewContextAsync(new() { BaseURL = factory.Url() });
        return await context.NewPageAsync();
    }

    /// <summary>Clicks a transition's button on the report page and checks the state it reached.</summary>
    private static async Task TransitionAsync(IPage page, string button, string state)
    {
        await ChromiumSteps.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));
        Assert.True(ReportUrl().IsMatch(page.Url), $"{button}: at {page.Url}");
        Assert.Equal(0, await page.Locator("main [role=alert]").CountAsync());
        Assert.Equal(state, await page.Locator(".state").TextContentAsync());
    }

    /// <summary>Opens the confirmation link and confirms.</summary>
    private static async Task ConfirmAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await ChromiumSteps.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }));
        Assert.Contains("Your address is confirmed", await page.Locator("main [role=status]").TextContentAsync(), StringComparison.Ordinal);
    }

    /// <summary>The link to this server in the message to <paramref name="to"/> whose subject has <paramref name="subject"/>, as the SMTP server received it.</summary>
    private static async Task<string> LinkInMailAsync(SmtpSink sink, string to, string subject, PlatformFactory factory)
    {
        var received = await sink.WaitForMessageAsync(
            m => m.RcptTo.Contains(to) && (m.Header("Subject") ?? string.Empty).Contains(subject, StringComparison.Ordinal),
            MailWait,
            TestContext.Current.CancellationToken);
        using var raw = new MemoryStream(received.Raw.ToArray());
        string text = (await MimeMessage.LoadAsync(raw, TestContext.Current.CancellationToken)).TextBody ?? string.Empty;
        var link = new Regex(Regex.Escape(factory.Url()) + @"/\S+").Match(text);
        Assert.True(link.Success, $"no link to {factory.Url()} in: {text}");
        return link.Value;
    }

    private static string Code(string secret, PlatformFactory factory) =>
        Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow()));

    [GeneratedRegex(@"/reports/([0-9a-f-]{36})$")]
    private static partial Regex ReportUrl();
}
