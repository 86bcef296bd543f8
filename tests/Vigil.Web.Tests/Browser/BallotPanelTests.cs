using System.Net;
using Microsoft.Playwright;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Deadlines;
using Vigil.Web.Tests.Support;
using Chromium = Vigil.Testing.Browser;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// An extension ballot in headless Chromium, through the report page's ballot panel: a triager opens it, the reporter
/// and the triager vote with its buttons, and the page shows the ballot passed and the moved publication deadline.
/// </summary>
public sealed class BallotPanelTests
{
    private const string Reason = "The maintainer needs two more weeks for the release.";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_triager_opens_a_ballot_and_the_votes_in_the_panel_move_the_deadline(string engine)
    {
        using var factory = await LiveServer.StartAsync(engine);
        string secondSecret = Totp.NewSecret();
        string firstSecret = Totp.NewSecret();
        await factory.CreateUserAsync("reporter@example.org", [Roles.Reporter]);
        await factory.CreateUserAsync("t1@example.org", [Roles.Triager], firstSecret);
        await factory.CreateUserAsync("t2@example.org", [Roles.Triager], secondSecret);

        // The report and its acceptance over plain HTTP: what this test watches is the ballot.
        using var reporterHttp = factory.HttpBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await reporterHttp.SignInAsync("reporter@example.org")).StatusCode);
        using var acceptingTriager = factory.HttpBrowser();
        await acceptingTriager.SignInAsync("t1@example.org");
        var (second, _) = await acceptingTriager.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Code(firstSecret, factory) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var id = await DeadlineSteps.AcceptedReportAsync(reporterHttp, acceptingTriager);
        var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id));
        var proposed = due.AddDays(14);

        await using var chromium = await Chromium.LaunchAsync();
        var triager = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(triager, "t2@example.org", () => Code(secondSecret, factory));
        await triager.GotoAsync($"/reports/{id}");
        var panel = triager.Locator("#ballots");
        await panel.GetByLabel("New publication date").FillAsync($"{proposed:yyyy-MM-dd}");
        await panel.GetByLabel("Reason").FillAsync(Reason);
        await ChromiumSteps.SubmitAsync(triager, panel.GetByRole(AriaRole.Button, new() { Name = "Open an extension ballot" }));
        Assert.EndsWith($"/reports/{id}", new Uri(triager.Url).AbsolutePath, StringComparison.Ordinal);
        var ballot = triager.Locator("#ballots article.ballot");
        Assert.StartsWith("Open", (await ballot.Locator("p strong").First.TextContentAsync())!.Trim(), StringComparison.Ordinal);
        Assert.Contains("0 yes, 0 no, 3 not voted, of 3 voters; 2 yes votes needed", await ballot.Locator(".tally").TextContentAsync(), StringComparison.Ordinal);

        // The reporter votes on their own report.
        var reporter = await NewPageAsync(chromium, factory);
        await ChromiumSteps.SignInAsync(reporter, "reporter@example.org");
        await reporter.GotoAsync($"/reports/{id}");
        Assert.Contains(Reason, await reporter.Locator("#ballots .reason").TextContentAsync(), StringComparison.Ordinal);
        await ChromiumSteps.SubmitAsync(reporter, reporter.Locator("#ballots").GetByRole(AriaRole.Button, new() { Name = "Vote yes" }));
        Assert.Equal("yes", await reporter.Locator("#ballots article.ballot p", new() { HasText = "Your vote" }).Locator("strong").TextContentAsync());
        Assert.Contains("1 yes, 0 no, 2 not voted", await reporter.Locator("#ballots .tally").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal($"{due:yyyy-MM-dd HH:mm} UTC", await PublicationDueAsync(reporter));

        // The triager's yes is the second of three: the ballot passes and the deadline moves.
        await triager.ReloadAsync();
        await ChromiumSteps.SubmitAsync(triager, triager.Locator("#ballots").GetByRole(AriaRole.Button, new() { Name = "Vote yes" }));
        Assert.Equal("Passed", await triager.Locator("#ballots article.ballot p strong").First.TextContentAsync());
        Assert.Contains("2 yes, 0 no, 1 not voted", await triager.Locator("#ballots .tally").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await triager.Locator("#ballots").GetByRole(AriaRole.Button, new() { Name = "Vote yes" }).CountAsync());
        Assert.Equal($"{proposed:yyyy-MM-dd HH:mm} UTC", await PublicationDueAsync(triager));
        await Chromium.ScreenshotAsync(triager, $"ballot-{engine}-passed-as-triager");

        await reporter.ReloadAsync();
        Assert.Equal("Passed", await reporter.Locator("#ballots article.ballot p strong").First.TextContentAsync());
        Assert.Equal($"{proposed:yyyy-MM-dd HH:mm} UTC", await PublicationDueAsync(reporter));
        await Chromium.ScreenshotAsync(reporter, $"ballot-{engine}-passed-as-reporter");
        Assert.Equal("passed", (await DeadlineSteps.BallotAsync(factory, id)).Outcome);
    }

    private static async Task<string?> PublicationDueAsync(IPage page) =>
        (await page.Locator("dl.facts dt", new() { HasText = "Publication due" }).Locator("xpath=following-sibling::dd[1]").TextContentAsync())?.Trim();

    private static async Task<IPage> NewPageAsync(Chromium chromium, PlatformFactory factory)
    {
        var context = await chromium.Instance.NewContextAsync(new() { BaseURL = factory.Url() });
        return await context.NewPageAsync();
    }

    private static string Code(string secret, PlatformFactory factory) =>
        Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow()));
}
