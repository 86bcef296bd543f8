using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>The records are immutable values; the writer refuses what it cannot write faithfully.</summary>
public class OsvModelTests
{
    [Fact]
    public void Lists_are_copied_so_the_caller_cannot_change_a_record()
    {
        var aliases = new List<string> { "CVE-2024-0001" };
        var record = Minimal() with { Aliases = aliases };

        aliases.Add("CVE-2024-0002");

        Assert.Equal(["CVE-2024-0001"], record.Aliases!);
        Assert.False(record.Aliases is List<string>);
    }

    [Fact]
    public void Free_form_json_outlives_its_document()
    {
        OsvRecord record;
        using (var document = JsonDocument.Parse("""{"severity":"HIGH","score":9.80}"""))
        {
            record = Minimal() with
            {
                DatabaseSpecific = document.RootElement,
                ExtensionData = new Dictionary<string, JsonElement> { ["x_score"] = document.RootElement.GetProperty("score") },
            };
        }

        Assert.Equal("HIGH", record.DatabaseSpecific!.Value.GetProperty("severity").GetString());
        Assert.Contains("\"x_score\":9.80", OsvJson.WriteString(record, indented: false), StringComparison.Ordinal);
    }

    [Fact]
    public void No_extension_properties_is_null_whether_given_null_or_empty()
    {
        var record = Minimal() with { ExtensionData = new Dictionary<string, JsonElement>() };

        Assert.Null(record.ExtensionData);
        Assert.Equal(Minimal(), record);
    }

    [Fact]
    public void An_explicit_null_counts_only_while_the_property_is_null()
    {
        var read = OsvJson.Read("""{"id":"x_test","modified":"2024-05-01T00:00:00Z","aliases":null}"""u8);

        var changed = read with { Aliases = ["CVE-2024-0001"] };

        Assert.Equal(OsvNullFields.Aliases, read.NullFields);
        Assert.Equal(OsvNullFields.None, changed.NullFields);
        Assert.Equal(changed, OsvJson.Read(OsvJson.Write(changed)));
    }

    [Fact]
    public void Invalid_values_are_refused_when_assigned()
    {
        using var array = JsonDocument.Parse("[]");

        Assert.Throws<ArgumentException>(() => Minimal() with { Aliases = ["a", null!] });
        Assert.Throws<ArgumentException>(() => Minimal() with { DatabaseSpecific = array.RootElement });
        Assert.Throws<ArgumentException>(() => Minimal() with { DatabaseSpecific = default(JsonElement) });
        Assert.Throws<ArgumentException>(() => new OsvAffected { EcosystemSpecific = array.RootElement });
        Assert.Throws<ArgumentNullException>(() => Minimal() with { Id = null! });
        Assert.Throws<ArgumentNullException>(() => new OsvRange { Type = OsvRangeType.Semver, Events = null! });
        Assert.Throws<ArgumentNullException>(() => OsvEvent.Fixed(null!));
    }

    [Fact]
    public void Records_are_equal_by_value()
    {
        var a = OsvJson.Read(OsvFixtures.Bytes("unknown-fields.json"));
        var b = OsvJson.Read(OsvFixtures.Bytes("unknown-fields.json"));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotSame(a.Affected, b.Affected);
        Assert.NotEqual(a, b with { Summary = "changed" });
        Assert.NotEqual(a, b with { ExtensionData = null });
        Assert.NotEqual(a, b with { Upstream = [] });
    }

    [Fact]
    public void Free_form_json_differing_only_in_number_text_or_property_order_is_not_equal()
    {
        Assert.NotEqual(WithDatabaseSpecific("""{"score":1.0}"""), WithDatabaseSpecific("""{"score":1}"""));
        Assert.NotEqual(WithDatabaseSpecific("""{"a":1,"b":2}"""), WithDatabaseSpecific("""{"b":2,"a":1}"""));
        Assert.Equal(WithDatabaseSpecific("""{"s":"caf\u00e9"}"""), WithDatabaseSpecific("""{"s":"café"}"""));
    }

    [Fact]
    public void Records_can_be_built_in_code_and_read_back()
    {
        var record = new OsvRecord
        {
            SchemaVersion = "1.7.0",
            Id = "NSWG-ECO-1",
            Modified = OsvTimestamp.FromDateTimeOffset(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)),
            Summary = "Prototype pollution",
            Severity = [new OsvSeverity { Type = OsvSeverityType.CvssV3, Score = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
            Affected =
            [
                new OsvAffected
                {
                    Package = new OsvPackage { Ecosystem = "npm", Name = "lodash", Purl = "pkg:npm/lodash" },
                    Ranges = [new OsvRange { Type = OsvRangeType.Semver, Events = [OsvEvent.Introduced("0"), OsvEvent.Fixed("4.17.12")] }],
                },
            ],
            References = [new OsvReference { Type = OsvReferenceType.Advisory, Url = "https://github.com/advisories/GHSA-jf85-cpcp-j695" }],
            Credits = [new OsvCredit { Name = "A. Finder", Type = OsvCreditType.Finder }],
        };

        var json = OsvJson.WriteString(record, indented: false);

        Assert.Equal(
            """{"schema_version":"1.7.0","id":"NSWG-ECO-1","modified":"2024-05-01T12:00:00Z","summary":"Prototype pollution","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],"affected":[{"package":{"ecosystem":"npm","name":"lodash","purl":"pkg:npm/lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.12"}]}]}],"references":[{"type":"ADVISORY","url":"https://github.com/advisories/GHSA-jf85-cpcp-j695"}],"credits":[{"name":"A. Finder","type":"FINDER"}]}""",
            json);
        Assert.Equal(record, OsvJson.Read(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("database_specific")]
    public void Extension_data_cannot_shadow_a_schema_property(string name)
    {
        using var value = JsonDocument.Parse("\"smuggled\"");
        var record = Minimal() with { ExtensionData = new Dictionary<string, JsonElement> { [name] = value.RootElement } };

        var error = Assert.Throws<ArgumentException>(() => OsvJson.Write(record));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_without_a_kind_cannot_be_written()
    {
        var record = Minimal() with
        {
            Affected = [new OsvAffected { Ranges = [new OsvRange { Type = OsvRangeType.Semver, Events = [new OsvEvent(default, "1.0.0")] }] }],
        };

        Assert.Throws<ArgumentException>(() => OsvJson.Write(record));
    }

    private static OsvRecord Minimal() => new() { Id = "x_test", Modified = new OsvTimestamp("2024-05-01T00:00:00Z") };

    private static OsvRecord WithDatabaseSpecific(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Minimal() with { DatabaseSpecific = document.RootElement };
    }
}
