using System.Text;
using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>What the fixtures written for single scenarios (numbers, unknown fields, nulls) must read and write as.</summary>
public class OsvScenarioFixtureTests
{
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
        Assert.NotEqual(record, record with { NullFields = OsvNullFields.None }); // the remembered null is part of the value
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
