using System.Text.Json;
using Vigil.Disclosure.Publication;
using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Tests.Publication;

/// <summary>
/// The CVE record in the CVE Record Format 5.1. No copy of the format's JSON schema is reachable from the package
/// registries this project uses, so the schema's required fields and patterns are checked here by hand.
/// </summary>
public class CveRecordWriterTests
{
    private static JsonElement Record(VulnerabilityReport? report = null, PublicationInput? input = null) =>
        JsonDocument.Parse(CveRecordWriter.Write(report ?? PublicationSamples.Published(), input ?? PublicationSamples.Input(), PublicationSamples.Cna)).RootElement;

    [Fact]
    public void The_record_has_the_formats_required_top_level_and_metadata()
    {
        var record = Record();

        Assert.Equal("CVE_RECORD", record.GetProperty("dataType").GetString());
        Assert.Equal("5.1", record.GetProperty("dataVersion").GetString());
        var meta = record.GetProperty("cveMetadata");
        Assert.Equal("CVE-2026-1001", meta.GetProperty("cveId").GetString());
        Assert.Equal("b3476cb9-2e3d-41a6-98d0-0f47421a65b6", meta.GetProperty("assignerOrgId").GetString());
        Assert.Equal("PUBLISHED", meta.GetProperty("state").GetString());
        Assert.Equal("2026-12-01T12:00:00.000Z", meta.GetProperty("datePublished").GetString());
        var provider = record.GetProperty("containers").GetProperty("cna").GetProperty("providerMetadata");
        Assert.Equal("b3476cb9-2e3d-41a6-98d0-0f47421a65b6", provider.GetProperty("orgId").GetString());
        Assert.Equal("nodejs-wg", provider.GetProperty("shortName").GetString());
    }

    [Fact]
    public void The_published_cna_container_has_its_required_parts()
    {
        var cna = Record().GetProperty("containers").GetProperty("cna");

        foreach (string required in new[] { "providerMetadata", "descriptions", "affected", "references" })
        {
            Assert.True(cna.TryGetProperty(required, out _), required);
        }

        var description = Assert.Single(cna.GetProperty("descriptions").EnumerateArray());
        Assert.Equal("en", description.GetProperty("lang").GetString());
        Assert.StartsWith("Padding with a crafted", description.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["https://vigil.example/advisories/NSWG-ECO-520", "https://github.com/example/left-pad/commit/abc"],
            cna.GetProperty("references").EnumerateArray().Select(r => r.GetProperty("url").GetString()));
    }

    [Fact]
    public void The_affected_package_is_npms_with_semver_versions()
    {
        var report = PublicationSamples.Published(Samples.Draft with { AffectedVersions = ">=1.0.0 <1.3.0 || >=2.0.0 <=2.1.0 || >=3.0.0" });
        var affected = Assert.Single(Record(report).GetProperty("containers").GetProperty("cna").GetProperty("affected").EnumerateArray());

        Assert.Equal("left-pad", affected.GetProperty("vendor").GetString());
        Assert.Equal("left-pad", affected.GetProperty("product").GetString());
        Assert.Equal("https://www.npmjs.com", affected.GetProperty("collectionURL").GetString());
        Assert.Equal("left-pad", affected.GetProperty("packageName").GetString());
        Assert.Equal("unaffected", affected.GetProperty("defaultStatus").GetString());
        var versions = affected.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(
            """[{"version":"1.0.0","status":"affected","lessThan":"1.3.0","versionType":"semver"},{"version":"2.0.0","status":"affected","lessThanOrEqual":"2.1.0","versionType":"semver"},{"version":"3.0.0","status":"affected","lessThan":"*","versionType":"semver"}]""",
            JsonSerializer.Serialize(versions, CveTestJson.Default.ListJsonElement));
    }

    [Fact]
    public void The_cwe_is_the_problem_type_with_its_name()
    {
        var problem = Record().GetProperty("containers").GetProperty("cna").GetProperty("problemTypes")[0].GetProperty("descriptions")[0];

        Assert.Equal("CWE-1321", problem.GetProperty("cweId").GetString());
        Assert.Equal("CWE", problem.GetProperty("type").GetString());
        Assert.Equal("en", problem.GetProperty("lang").GetString());
        Assert.Equal("CWE-1321 Improperly Controlled Modification of Object Prototype Attributes ('Prototype Pollution')", problem.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:L", "cvssV3_1", "3.1", 8.2, "HIGH")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "cvssV3_0", "3.0", 9.8, "CRITICAL")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "cvssV4_0", "4.0", 9.3, "CRITICAL")]
    public void The_cvss_metric_has_version_vector_score_and_severity(string vector, string property, string version, double score, string severity)
    {
        var report = PublicationSamples.Published(Samples.Draft with { CvssVector = vector });
        var metric = Assert.Single(Record(report).GetProperty("containers").GetProperty("cna").GetProperty("metrics").EnumerateArray()).GetProperty(property);

        Assert.Equal(version, metric.GetProperty("version").GetString());
        Assert.Equal(vector, metric.GetProperty("vectorString").GetString());
        Assert.Equal((decimal)score, metric.GetProperty("baseScore").GetDecimal());
        Assert.Equal(severity, metric.GetProperty("baseSeverity").GetString());
    }

    [Fact]
    public void Without_a_vector_there_are_no_metrics()
    {
        var report = PublicationSamples.Published(Samples.Draft with { CvssVector = null });

        Assert.False(Record(report).GetProperty("containers").GetProperty("cna").TryGetProperty("metrics", out _));
    }

    [Fact]
    public void Credits_use_the_formats_credit_types()
    {
        var credits = Record().GetProperty("containers").GetProperty("cna").GetProperty("credits").EnumerateArray()
            .Select(c => (c.GetProperty("value").GetString(), c.GetProperty("type").GetString(), c.GetProperty("lang").GetString()));

        Assert.Equal([("Alice", "finder", "en"), ("Max", "remediation developer", "en"), ("Tom", "coordinator", "en")], credits);
    }

    [Fact]
    public void A_requested_cve_or_a_record_without_references_cannot_be_written()
    {
        var report = PublicationSamples.Published();

        Assert.Throws<InvalidOperationException>(() => CveRecordWriter.Write(report, PublicationSamples.Input(CveAssignment.Requested), PublicationSamples.Cna));
        Assert.Throws<InvalidOperationException>(() => CveRecordWriter.Write(report, PublicationSamples.Input() with { References = [] }, PublicationSamples.Cna));
        Assert.Throws<InvalidOperationException>(() => CveRecordWriter.Write(Samples.InState(ReportState.Accepted), PublicationSamples.Input(), PublicationSamples.Cna));
    }

    [Fact]
    public void Hostile_texts_stay_inside_their_json_strings()
    {
        var report = PublicationSamples.Published(Samples.Draft with { Title = "\"},\"x\":{\"</script>", Description = "line\n\"quoted\" \\ <b>" });
        var cna = Record(report).GetProperty("containers").GetProperty("cna");

        Assert.Equal("\"},\"x\":{\"</script>", cna.GetProperty("title").GetString());
        Assert.Equal("line\n\"quoted\" \\ <b>", cna.GetProperty("descriptions")[0].GetProperty("value").GetString());
        Assert.False(cna.TryGetProperty("x", out _));
    }
}
