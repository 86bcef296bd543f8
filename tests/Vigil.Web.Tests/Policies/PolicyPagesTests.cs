using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Disclosure.Deadlines;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Features.Reports;
using Vigil.Web.Tests.Deadlines;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Policies;

/// <summary>
/// The public policy pages show the configured numbers, and the clocks run on the same ones: a platform configured
/// with other numbers than the WG's defaults says them on every page and applies them to reports.
/// </summary>
public sealed class PolicyPagesTests
{
    private static readonly string[] Pages = ["/policies", "/policies/disclosure", "/policies/triage", "/policies/module-authors", "/policies/membership"];

    private static Dictionary<string, string?> Unusual() => new()
    {
        ["Vigil:Disclosure:FirstResponseBusinessDays"] = "3",
        ["Vigil:Disclosure:PublicationDays"] = "30",
        ["Vigil:Disclosure:Holidays:0"] = "2031-12-25",
        ["Vigil:Group:ObjectionWindowDays"] = "10",
        ["Vigil:Group:EmployerShareNumerator"] = "2",
        ["Vigil:Group:EmployerShareDenominator"] = "5",
        ["Vigil:Group:TriageTeamMinimum"] = "6",
        ["Vigil:Group:ActivityCheckMonths"] = "4",
        ["Vigil:Group:ReminderDays"] = "9",
        ["Vigil:Group:EmeritusDays"] = "21",
        ["Vigil:Group:ReturnGraceDays"] = "35",
    };

    [Fact]
    public async Task Every_page_shows_the_configured_numbers_and_none_of_the_defaults()
    {
        using var factory = await PlatformFactory.OnAsync("sqlite", Unusual());
        using var anyone = factory.Browser();
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string page in Pages)
        {
            var (response, body) = await anyone.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.Contains("<main", body, StringComparison.Ordinal);
            bodies[page] = body;
        }

        Assert.Contains("3 business days", bodies["/policies"], StringComparison.Ordinal);
        Assert.Contains("30 days", bodies["/policies"], StringComparison.Ordinal);
        string disclosure = bodies["/policies/disclosure"];
        Assert.Contains("<strong id=\"first-response-days\">3 business days</strong>", disclosure, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"publication-days\">30 days</strong>", disclosure, StringComparison.Ordinal);
        Assert.Contains("2031-12-25", disclosure, StringComparison.Ordinal);
        Assert.Contains("href=\"/reports/new\"", disclosure, StringComparison.Ordinal);
        Assert.Contains($"{BallotService.MaxExtensionDays} days past the current deadline", disclosure, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"first-response-days\">3 business days</strong>", bodies["/policies/triage"], StringComparison.Ordinal);
        Assert.Contains("<strong id=\"publication-days\">30 days</strong>", bodies["/policies/triage"], StringComparison.Ordinal);
        Assert.Contains("at least 6 members", bodies["/policies/triage"], StringComparison.Ordinal);
        Assert.Contains("<strong id=\"publication-days\">30 days</strong>", bodies["/policies/module-authors"], StringComparison.Ordinal);
        Assert.Contains("vigil init security-policy", bodies["/policies/module-authors"], StringComparison.Ordinal);
        string membership = bodies["/policies/membership"];
        Assert.Contains("<strong id=\"objection-window\">10 days</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"employer-share\">2/5</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"triage-minimum\">6</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"activity-check\">4 months</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"reminder\">9 days</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"emeritus\">21 days (3 weeks)</strong>", membership, StringComparison.Ordinal);
        Assert.Contains("<strong id=\"return-grace\">35 days (5 weeks)</strong>", membership, StringComparison.Ordinal);

        // Not one of the WG's default numbers leaks in from a page of its own.
        var defaults = DisclosurePolicy.Default;
        foreach (var (page, body) in bodies)
        {
            Assert.DoesNotContain($">{defaults.PublicationDays} days", body, StringComparison.Ordinal);
            Assert.DoesNotContain($" {defaults.PublicationDays} days", body, StringComparison.Ordinal);
            Assert.DoesNotContain($"{defaults.FirstResponseBusinessDays} business days", body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($">{GroupRules.Default.ObjectionWindowDays} days", membership, StringComparison.Ordinal);

        // The home page and the report list say the same numbers.
        var (_, home) = await anyone.GetAsync("/");
        Assert.Contains("within 3 business days", home, StringComparison.Ordinal);
        Assert.Contains("within 30 days", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_default_configuration_shows_the_working_groups_written_numbers()
    {
        using var factory = await PlatformFactory.OnAsync("sqlite");
        using var anyone = factory.Browser();
        var d = DisclosurePolicy.Default;
        var g = GroupRules.Default;
        var (_, disclosure) = await anyone.GetAsync("/policies/disclosure");
        Assert.Contains($"<strong id=\"publication-days\">{d.PublicationDays} days</strong>", disclosure, StringComparison.Ordinal);
        Assert.Contains($"<strong id=\"first-response-days\">{d.FirstResponseBusinessDays} business days</strong>", disclosure, StringComparison.Ordinal);
        var (_, membership) = await anyone.GetAsync("/policies/membership");
        Assert.Contains($"<strong id=\"objection-window\">{g.ObjectionWindowDays} days</strong>", membership, StringComparison.Ordinal);
        Assert.Contains($"<strong id=\"employer-share\">{g.EmployerShareNumerator}/{g.EmployerShareDenominator}</strong>", membership, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_document_gives_the_numbers_and_the_report_form_under_the_public_url()
    {
        var settings = Unusual();
        settings["Vigil:PublicUrl"] = "https://vigil.example.org/";
        using var factory = await PlatformFactory.OnAsync("sqlite", settings);
        using var anyone = factory.Browser();
        var (response, body) = await anyone.GetAsync("/policies/disclosure.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("firstResponseBusinessDays").GetInt32());
        Assert.Equal(30, root.GetProperty("publicationDays").GetInt32());
        Assert.Equal("2031-12-25", Assert.Single(root.GetProperty("holidays").EnumerateArray()).GetString());
        Assert.Equal("https://vigil.example.org", root.GetProperty("platformUrl").GetString());
        Assert.Equal("https://vigil.example.org/reports/new", root.GetProperty("reportUrl").GetString());
        Assert.Equal("https://vigil.example.org/policies/disclosure", root.GetProperty("policyUrl").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_clocks_run_on_the_configured_numbers_the_pages_show(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, Unusual());

        // One object: the reports, the clock's pass and the pages inject the same singleton.
        var policy = factory.Services.GetRequiredService<DisclosurePolicy>();
        Assert.Equal(30, policy.PublicationDays);
        Assert.Same(policy, await factory.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<ReportService>().Policy)));
        Assert.Same(factory.Services.GetRequiredService<GroupRules>(), factory.Services.GetRequiredService<GroupRules>());
        Assert.Equal(10, factory.Services.GetRequiredService<GroupRules>().ObjectionWindowDays);

        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await DeadlineSteps.AcceptedReportAsync(reporter, triager);
        var stored = await DeadlineSteps.ReportAsync(factory, id);
        var due = DeadlineSteps.DueOf(stored);
        Assert.Equal(ReportService.Utc(stored.AcceptedAt!.Value).AddDays(30), due, TimeSpan.FromMilliseconds(1));

        // The clock publishes at that deadline, not at the default one.
        DeadlineSteps.AdvanceTo(factory, due.AddMinutes(-1));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Published);
        DeadlineSteps.AdvanceTo(factory, due.AddMinutes(1));
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Published);
        Assert.Equal("published", await ReportSteps.StateAsync(factory, id));
    }
}
