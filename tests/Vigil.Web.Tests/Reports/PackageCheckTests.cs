using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Maintainers;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// The package of a new report is looked up on the registry (a <see cref="FakeRegistry"/> on loopback; the tests never
/// ask the real one): a name the registry does not have is refused on the form and the API with nothing stored; a
/// registry that cannot be asked does not block the reporter, and the triage team is told.
/// </summary>
public sealed class PackageCheckTests
{
    private static Dictionary<string, string?> Settings(FakeRegistry registry) => new()
    {
        ["Vigil:Reports:CheckPackageOnRegistry"] = "true",
        ["Vigil:Reports:PackageCheckSeconds"] = "2",
        ["Vigil:NpmRegistry"] = registry.Url.ToString(),
    };

    [Fact]
    public async Task A_package_the_registry_has_is_accepted_and_a_scoped_name_is_escaped_as_npm_does()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Json("/left-pad", FakeRegistry.Packument("left-pad", 3, """{"name":"azer"}"""));
        registry.Json("/@acme%2fwidget", FakeRegistry.Packument("@acme/widget", 1, """{"name":"dana"}"""));
        using var factory = new PlatformFactory(Settings(registry));
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");

        await ReportSteps.SubmitAsync(reporter);
        var scoped = ReportSteps.ValidForm();
        scoped["Form.PackageName"] = "@acme/widget";
        await ReportSteps.SubmitAsync(reporter, scoped);

        Assert.Equal(["@acme/widget", "left-pad"], await factory.QueryAsync(db => db.Reports.Select(r => r.PackageName).OrderBy(n => n).ToListAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportComments.CountAsync()));
        var targets = registry.Requests.Select(r => r.Target).ToList();
        Assert.Equal(["/left-pad", "/@acme%2fwidget"], targets);
        Assert.All(registry.Requests, r => Assert.StartsWith("application/vnd.npm.install-v1+json", r.Accept, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_package_is_refused_on_the_form_with_the_field_and_the_registry_named()
    {
        await using var registry = await FakeRegistry.StartAsync();
        using var factory = new PlatformFactory(Settings(registry));
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var form = ReportSteps.ValidForm();
        form["Form.PackageName"] = "no-such-package-here";

        var (response, body) = await ReportSteps.SubmitFormAsync(reporter, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<strong>packageName</strong>", body, StringComparison.Ordinal);
        Assert.Contains($"no package named no-such-package-here on the registry {registry.Url}", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditLog.CountAsync()));
        Assert.Equal(["/no-such-package-here"], registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task An_unknown_package_is_refused_on_the_api_with_the_field_named()
    {
        await using var registry = await FakeRegistry.StartAsync();
        using var factory = new PlatformFactory(Settings(registry));
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        string token = (await ApiCalls.CreateTokenAsync(reporter, "ci", ["reports:write"])).GetProperty("token").GetString()!;
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = JsonContent.Create(new { packageName = "@nobody/nothing", affectedVersions = "<1.0.0", cweId = "CWE-79", title = "XSS", description = "details" }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors");
        Assert.Equal($"no package named @nobody/nothing on the registry {registry.Url}", errors.GetProperty("packageName")[0].GetString());
        Assert.Equal(0, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(["/@nobody%2fnothing"], registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task A_registry_that_is_down_does_not_block_the_report_and_the_triage_team_is_told()
    {
        var registry = await FakeRegistry.StartAsync();
        var settings = Settings(registry);
        await registry.DisposeAsync(); // nothing listens on its port any more
        using var factory = new PlatformFactory(settings);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;

        var id = await ReportSteps.SubmitAsync(reporter);

        Assert.Equal(1, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Contains("package-unchecked", await factory.QueryAsync(db => db.AuditLog.Where(a => a.Action == "report.submitted").Select(a => a.Detail).SingleAsync()), StringComparison.Ordinal);
        var (_, triagePage) = await triager.GetAsync($"/reports/{id}");
        Assert.Contains("could not check on the registry that the package left-pad exists", triagePage, StringComparison.Ordinal);
        Assert.Contains("could not be reached", triagePage, StringComparison.Ordinal);
        var (_, reporterPage) = await reporter.GetAsync($"/reports/{id}");
        Assert.DoesNotContain("could not check on the registry", reporterPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registry_that_fails_or_is_too_slow_does_not_block_the_report_either()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Routes["/left-pad"] = context => { context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; return Task.CompletedTask; };
        registry.Routes["/slow-pad"] = async context => await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        var settings = Settings(registry);
        settings["Vigil:Reports:PackageCheckSeconds"] = "0.5";
        using var factory = new PlatformFactory(settings);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");

        await ReportSteps.SubmitAsync(reporter);
        var slow = ReportSteps.ValidForm();
        slow["Form.PackageName"] = "slow-pad";
        await ReportSteps.SubmitAsync(reporter, slow);

        Assert.Equal(2, await factory.QueryAsync(db => db.Reports.CountAsync()));
        Assert.Equal(2, await factory.QueryAsync(db => db.ReportComments.CountAsync(c => c.Internal && c.AuthorId == "vigil:clock")));
    }
}
