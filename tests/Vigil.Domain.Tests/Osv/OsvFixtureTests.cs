using System.Text;
using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>What each scenario fixture must read as, and what must come back out.</summary>
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
    public void Last_affected_and_limit_events_keep_their_order_and_kind()
    {
        var record = Read("last-affected-and-limit.json");

        var npm = record.Affected![0].Ranges!;
        Assert.Equal("introduced 0, last_affected 2.1.214", Describe(npm[0].Events));
        Assert.Equal("introduced 1.0.0, fixed 1.0.2, introduced 3.0.0, fixed 3.2.5", Describe(npm[1].Events));
        var git = record.Affected[1];
        Assert.Null(git.Package);
        Assert.Empty(git.Versions!);
        Assert.Equal((OsvRangeType.Git, "https://github.com/owner/repo"), (git.Ranges![0].Type.Value, git.Ranges[0].Repo));
        Assert.Equal(
            [OsvEventKind.Introduced, OsvEventKind.Limit, OsvEventKind.Limit],
            git.Ranges[0].Events.Select(e => e.Kind.Value));
        Assert.Equal("*", git.Ranges[0].Events[2].Version);
    }

    [Theory]
    [InlineData("\"one_point_zero\": 1.0")]
    [InlineData("\"integer\": 1,")]
    [InlineData("\"exponent\": 1e3")]
    [InlineData("\"exponent_upper_signed\": 1E+3")]
    [InlineData("\"negative_zero\": -0,")]
    [InlineData("\"negative_zero_float\": -0.0")]
    [InlineData("\"trailing_zeros\": 0.10")]
    [InlineData("\"big_integer\": 123456789012345678901234567890")]
    [InlineData("\"beyond_double\": 1.7976931348623157e309")]
    [InlineData("\"tiny\": 5e-324")]
    [InlineData("\"precise\": 0.30000000000000004")]
    [InlineData("\"string_number\": \"1.0\"")]
    [InlineData("\"a_first\": 1.0")]
    [InlineData("1.50,")]
    [InlineData("15e-1,")]
    [InlineData("0.15E1")]
    [InlineData("\"score\": 7.0")]
    public void Free_form_numbers_keep_their_exact_text(string expected)
    {
        var written = Write(Read("database-specific-numbers.json"));

        Assert.Contains(expected, written, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_form_objects_keep_their_property_order_and_decoded_text()
    {
        var record = Read("database-specific-numbers.json");

        var names = record.Affected![0].EcosystemSpecific!.Value.EnumerateObject().Select(p => p.Name);
        Assert.Equal(["z_last", "a_first", "nested"], names);
        Assert.Equal("café ☃ 😀 \"quoted\" \\ <tag> & 'single' / \t", record.DatabaseSpecific!.Value.GetProperty("escaped_text").GetString());
        var written = Write(record);
        Assert.True(written.IndexOf("\"z_last\"", StringComparison.Ordinal) < written.IndexOf("\"a_first\"", StringComparison.Ordinal));
        // Only what JSON requires is escaped, plus characters beyond the BMP, which the encoder always escapes.
        Assert.Contains("café ☃ \\uD83D\\uDE00 \\\"quoted\\\" \\\\ <tag> & 'single' / \\t", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_and_enumeration_values_are_kept_at_every_level()
    {
        var record = Read("unknown-fields.json");

        Assert.Equal(["x_top_level", "x_trailing"], record.ExtensionData!.Keys);
        Assert.Equal("2.50", record.ExtensionData["x_top_level"].GetProperty("n").GetRawText());
        var v5 = record.Severity![0];
        Assert.Equal((OsvSeverityType.Unknown, "CVSS_V5", false), (v5.Type.Value, v5.Type.Text, v5.Type.IsKnown));
        Assert.Equal(["source", "x_note"], v5.ExtensionData!.Keys);
        Assert.Equal((OsvSeverityType.Unknown, "cvss_v3"), (record.Severity[1].Type.Value, record.Severity[1].Type.Text));
        var affected = record.Affected![0];
        Assert.Equal("kept", affected.Package!.ExtensionData!["x_package"].GetString());
        Assert.Equal("0.0", affected.ExtensionData!["x_affected"].GetRawText());
        var range = affected.Ranges![0];
        Assert.Equal((OsvRangeType.Unknown, "NPM_SEMVER"), (range.Type.Value, range.Type.Text));
        Assert.Equal(JsonValueKind.Null, range.ExtensionData!["x_range"].ValueKind);
        Assert.Equal((OsvEventKind.Unknown, "unfixed_until", "2.0.0"), (range.Events[1].Kind.Value, range.Events[1].Kind.Text, range.Events[1].Version));
        Assert.Equal((OsvReferenceType.Unknown, "BLOG"), (record.References![0].Type.Value, record.References[0].Type.Text));
        Assert.Equal((OsvCreditType.Unknown, "BUG_HUNTER"), (record.Credits![0].Type!.Value.Value, record.Credits[0].Type!.Value.Text));
        var written = Write(record);
        Assert.Contains("{\n              \"unfixed_until\": \"2.0.0\"\n            }", written, StringComparison.Ordinal);
        Assert.Contains("\"type\": \"CVSS_V5\",", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_nulls_are_written_back_and_empty_arrays_stay_empty()
    {
        var record = Read("explicit-nulls-and-empty-arrays.json");

        Assert.Null(record.Aliases);
        Assert.Null(record.Severity);
        Assert.Null(record.References);
        Assert.Null(record.Affected![0].Severity);
        Assert.Empty(record.Related!);
        Assert.Empty(record.Credits![0].Contact!);
        var written = Write(record);
        Assert.Contains("\"aliases\": null,", written, StringComparison.Ordinal);
        Assert.Contains("\"references\": null,", written, StringComparison.Ordinal);
        Assert.Equal(2, written.Split("\"severity\": null").Length - 1);
        Assert.Contains("\"ranges\": [],", written, StringComparison.Ordinal);
        Assert.Contains("\"contact\": []", written, StringComparison.Ordinal);
        Assert.Contains("\"database_specific\": {}\n}", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_set_in_place_of_an_explicit_null_replaces_it()
    {
        var record = Read("explicit-nulls-and-empty-arrays.json") with { Aliases = ["CVE-2024-0001"] };

        var written = Write(record);

        Assert.DoesNotContain("\"aliases\": null", written, StringComparison.Ordinal);
        Assert.Contains("\"aliases\": [\n    \"CVE-2024-0001\"\n  ],", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Affected_null_is_written_back()
    {
        var record = Read("affected-null.json");

        Assert.Null(record.Affected);
        Assert.Contains("\"affected\": null", Write(record), StringComparison.Ordinal);
        Assert.NotEqual(record, record with { Affected = null, ExtensionData = null, Summary = null, Id = record.Id, NullFields = OsvNullFields.None });
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

    [Fact]
    public void A_record_without_optional_fields_writes_none_of_them()
    {
        var record = Read("affected-null.json") with { Affected = null, NullFields = OsvNullFields.None };

        Assert.Equal("""{"id":"x_vigil-affected-null","modified":"2024-05-01T00:00:00Z"}""", OsvJson.WriteString(record, indented: false));
    }

    private static OsvRecord Read(string fixture) => OsvJson.Read(OsvFixtures.Bytes(fixture), fixture);

    private static string Write(OsvRecord record) => Encoding.UTF8.GetString(OsvJson.Write(record));

    private static string Describe(IEnumerable<OsvEvent> events) => string.Join(", ", events.Select(e => $"{e.Kind.Text} {e.Version}"));
}
