using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Publication;

/// <summary>The CVE JSON 5.1 record of a published report: a download for the triage team, 404 for everyone else.</summary>
public sealed partial class CveDownloadTests
{
    private const string OrgId = "6b3ad84c-e1a6-4bf7-a703-f496b71e49db";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_triage_team_downloads_a_record_with_the_formats_required_fields_and_nobody_else_sees_it(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, new()
        {
            ["Vigil:CvePool"] = "CVE-2026-4242",
            ["Vigil:Cna:OrgId"] = OrgId,
            ["Vigil:Cna:ShortName"] = "nodejs-wg",
        });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        var unpublished = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, triager, id);

        var (before, _) = await triager.GetAsync($"/reports/{id}/cve.json");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        await PublicationSteps.PublishAsync(factory, triager, id);

        var (_, reportPage) = await triager.GetAsync($"/reports/{id}");
        Assert.Contains($"href=\"/reports/{id}/cve.json\"", reportPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/advisories/NSWG-ECO-1\"", reportPage, StringComparison.Ordinal);
        var (_, reporterPage) = await reporter.GetAsync($"/reports/{id}");
        Assert.DoesNotContain("cve.json", reporterPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/advisories/NSWG-ECO-1\"", reporterPage, StringComparison.Ordinal);

        var (response, body) = await triager.GetAsync($"/reports/{id}/cve.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("CVE-2026-4242.json", Disposition(response), StringComparison.Ordinal);

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        Assert.Equal("CVE_RECORD", root.GetProperty("dataType").GetString());
        Assert.Equal("5.1", root.GetProperty("dataVersion").GetString());
        var metadata = root.GetProperty("cveMetadata");
        Assert.Equal("CVE-2026-4242", metadata.GetProperty("cveId").GetString());
        Assert.Equal(OrgId, metadata.GetProperty("assignerOrgId").GetString());
        Assert.Equal("PUBLISHED", metadata.GetProperty("state").GetString());
        Assert.Matches(Timestamp(), metadata.GetProperty("datePublished").GetString()!);
        var cna = root.GetProperty("containers").GetProperty("cna");
        Assert.Equal(OrgId, cna.GetProperty("providerMetadata").GetProperty("orgId").GetString());
        var description = Assert.Single(cna.GetProperty("descriptions").EnumerateArray());
        Assert.Equal("en", description.GetProperty("lang").GetString());
        Assert.False(string.IsNullOrWhiteSpace(description.GetProperty("value").GetString()));
        var affected = Assert.Single(cna.GetProperty("affected").EnumerateArray());
        Assert.Equal("left-pad", affected.GetProperty("packageName").GetString());
        Assert.Equal("https://www.npmjs.com", affected.GetProperty("collectionURL").GetString());
        var version = Assert.Single(affected.GetProperty("versions").EnumerateArray());
        Assert.Equal(("0", "1.3.1", "affected", "semver"), (version.GetProperty("version").GetString(), version.GetProperty("lessThan").GetString(), version.GetProperty("status").GetString(), version.GetProperty("versionType").GetString()));
        var reference = Assert.Single(cna.GetProperty("references").EnumerateArray());
        Assert.Equal("https://vigil.test/advisories/NSWG-ECO-1", reference.GetProperty("url").GetString());
        Assert.Equal("CWE-1321", cna.GetProperty("problemTypes")[0].GetProperty("descriptions")[0].GetProperty("cweId").GetString());
        Assert.Equal(ReportSteps.Vector, cna.GetProperty("metrics")[0].GetProperty("cvssV3_1").GetProperty("vectorString").GetString());
        Assert.All(cna.GetProperty("credits").EnumerateArray(), c => Assert.DoesNotContain("@", c.GetProperty("value").GetString()!, StringComparison.Ordinal));

        // Everyone else: the reporter, another account, a report not published, a report that does not exist.
        foreach (var (who, path) in new[]
        {
            (reporter, $"/reports/{id}/cve.json"),
            (stranger, $"/reports/{id}/cve.json"),
            (triager, $"/reports/{unpublished}/cve.json"),
            (triager, $"/reports/{Guid.NewGuid()}/cve.json"),
        })
        {
            var (refused, refusedBody) = await who.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("CVE-2026-4242", refusedBody, StringComparison.Ordinal);
        }

        var (anonymous, _) = await factory.Browser().GetAsync($"/reports/{id}/cve.json");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static string Disposition(HttpResponseMessage response) =>
        response.Content.Headers.TryGetValues("Content-Disposition", out var values) ? string.Join(";", values) : string.Empty;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")]
    private static partial Regex Timestamp();
}
