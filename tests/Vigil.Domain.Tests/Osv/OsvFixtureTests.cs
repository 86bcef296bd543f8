using System.Text;
using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>What the real records among the fixtures must read as, and what must come back out.</summary>
public class OsvFixtureTests
{
    [Fact]
    public void Ghsa_npm_record_reads_every_part()
    {
        var record = Read("ghsa-npm-ecosystem-range.json");

        Assert.Equal("1.4.0", record.SchemaVersion);
        Assert.Equal("GHSA-c2qf-rxjj-qqgw", record.Id);
        Assert.Equal(new DateTimeOffset(2023, 7, 10, 22, 57, 56, TimeSpan.Zero), record.Modified.Value);
        Assert.Equal(["CVE-2022-25883"], record.Aliases!);
        var severity = Assert.Single(record.Severity!);
        Assert.Equal(OsvSeverityType.CvssV3, severity.Type.Value);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L", severity.Score);
        Assert.Equal(3, record.Affected!.Count);
        Assert.All(record.Affected, a => Assert.Equal(("npm", "semver"), (a.Package!.Ecosystem, a.Package.Name)));
        var events = record.Affected.Select(a => Assert.Single(a.Ranges!)).Select(r => (r.Type.Value, Describe(r.Events)));
        Assert.Equal(
            [
                (OsvRangeType.Ecosystem, "introduced 7.0.0, fixed 7.5.2"),
                (OsvRangeType.Ecosystem, "introduced 6.0.0, fixed 6.3.1"),
                (OsvRangeType.Ecosystem, "introduced 0, fixed 5.7.2"),
            ],
            events);
        Assert.Equal(12, record.References!.Count);
        Assert.Equal(OsvReferenceType.Package, record.References[7].Type.Value);
        Assert.Equal(JsonValueKind.Null, record.DatabaseSpecific!.Value.GetProperty("nvd_published_at").ValueKind);
        Assert.Null(record.Affected[0].Versions);
    }

    [Fact]
    public void Withdrawn_record_keeps_its_timestamps_and_an_unknown_description()
    {
        var record = Read("withdrawn.json");

        Assert.Equal(new DateTimeOffset(2018, 10, 11, 17, 29, 49, TimeSpan.Zero), record.Withdrawn!.Value);
        Assert.Equal("2018-09-17T21:57:23Z", record.Published!.Text);
        var description = Assert.Single(record.ExtensionData!);
        Assert.Equal("description", description.Key);
        Assert.StartsWith("Withdrawn, accidental duplicate publish.\r\n", description.Value.GetString(), StringComparison.Ordinal);
        Assert.Equal("introduced 3.2.0, fixed 3.2.22, introduced 4.2.0, fixed 4.2.2, introduced 4.0.0, fixed 4.1.11", Describe(record.Affected![0].Ranges![0].Events));
        Assert.Empty(record.Affected[0].Versions!);
        Assert.Equal("0", record.Affected[0].DatabaseSpecific!.Value.GetProperty("cvss").GetProperty("score").GetRawText());
    }

    [Fact]
    public void Upstream_empty_arrays_and_ubuntu_severity_survive()
    {
        var record = Read("upstream-ubuntu-severity.json");

        Assert.Equal(["CVE-2025-38094"], record.Upstream!);
        Assert.Empty(record.Aliases!);
        Assert.Empty(record.Related!);
        Assert.Equal((OsvSeverityType.Ubuntu, "Ubuntu", "medium"), (record.Severity![0].Type.Value, record.Severity[0].Type.Text, record.Severity[0].Score));
        Assert.Equal("pkg:deb/ubuntu/linux@3.13.0-206.257?arch=source&distro=esm-infra-legacy/trusty", record.Affected![0].Package!.Purl);
        Assert.Equal("{}", record.Affected[0].EcosystemSpecific!.Value.GetRawText());
        var written = Write(record);
        Assert.Contains("\"aliases\": [],", written, StringComparison.Ordinal);
        Assert.Contains("\"related\": [],", written, StringComparison.Ordinal);
        Assert.Contains("\"purl\": \"pkg:deb/ubuntu/linux@3.13.0-206.257?arch=source&distro=esm-infra-legacy/trusty\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_in_any_order_are_written_in_schema_order()
    {
        var record = Read("per-package-severity-alphabetical-keys.json");

        var written = Write(record);

        Assert.StartsWith("{\n  \"schema_version\": \"1.5.0\",\n  \"id\": \"HSEC-2023-0006\",\n  \"modified\":", written, StringComparison.Ordinal);
        Assert.Equal(OsvSeverityType.CvssV3, record.Affected![0].Severity![0].Type.Value);
        Assert.Null(record.Severity);
    }

    [Fact]
    public void Credits_and_an_empty_id_are_read_as_given()
    {
        var record = Read("credits-and-empty-id.json");

        Assert.Equal("", record.Id);
        var credit = Assert.Single(record.Credits!);
        Assert.Equal(("Amazon Inspector", OsvCreditType.Finder), (credit.Name, credit.Type!.Value.Value));
        Assert.Equal(["actran@amazon.com"], credit.Contact!);
    }

    [Fact]
    public void Git_ranges_keep_their_repository()
    {
        var range = Read("git-range.json").Affected![0].Ranges![0];

        Assert.Equal((OsvRangeType.Git, "https://github.com/unicode-org/icu.git"), (range.Type.Value, range.Repo));
        Assert.Equal("introduced 6e5755a2a833bc64852eae12967d0a54d7adf629, fixed c43455749b914feef56b178b256f29b3016146eb", Describe(range.Events));
    }

    [Fact]
    public void Versions_and_ecosystem_specific_are_read()
    {
        var affected = Read("git-and-ecosystem-ranges-with-versions.json").Affected![0];

        Assert.Equal(["2.8.0", "2.8.0.post1", "2.8.0.post2", "2.9.0", "2.9.1", "2.9.2"], affected.Versions!);
        Assert.Equal([OsvRangeType.Git, OsvRangeType.Ecosystem], affected.Ranges!.Select(r => r.Type.Value));
        Assert.Equal("HIGH", affected.EcosystemSpecific!.Value.GetProperty("severity").GetString());
    }

    private static OsvRecord Read(string fixture) => OsvJson.Read(OsvFixtures.Bytes(fixture), fixture);

    private static string Write(OsvRecord record) => Encoding.UTF8.GetString(OsvJson.Write(record));

    private static string Describe(IEnumerable<OsvEvent> events) => string.Join(", ", events.Select(e => $"{e.Kind.Text} {e.Version}"));
}
