using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>Every fixture survives reading and writing: no data added, lost or changed.</summary>
public class OsvRoundTripTests
{
    public static TheoryData<string> Fixtures() => OsvFixtures.Valid();

    [Fact]
    public void All_fixtures_are_found() => Assert.True(Fixtures().Count >= 17, $"only {Fixtures().Count} fixtures in {OsvFixtures.Folder}");

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Written_json_is_semantically_equal_to_the_input(string fixture)
    {
        var input = OsvFixtures.Bytes(fixture);

        var output = OsvJson.Write(OsvJson.Read(input, fixture));

        using var expected = JsonDocument.Parse(input);
        using var actual = JsonDocument.Parse(output);
        Assert.Null(JsonDeepEquality.Difference(expected.RootElement, actual.RootElement));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Read_write_read_gives_an_equal_record(string fixture)
    {
        var record = OsvJson.Read(OsvFixtures.Bytes(fixture), fixture);

        Assert.Equal(record, OsvJson.Read(OsvJson.Write(record)));
        Assert.Equal(record, OsvJson.Read(OsvJson.Write(record, indented: false)));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Writing_is_stable(string fixture)
    {
        var once = OsvJson.Write(OsvJson.Read(OsvFixtures.Bytes(fixture), fixture));

        var twice = OsvJson.Write(OsvJson.Read(once));

        Assert.Equal(once, twice);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Written_properties_follow_the_schema_order_then_extensions(string fixture)
    {
        var output = OsvJson.Write(OsvJson.Read(OsvFixtures.Bytes(fixture), fixture));

        using var document = JsonDocument.Parse(output);
        SchemaOrder.Check(document.RootElement);
    }

    [Fact]
    public void Indented_output_uses_two_spaces_and_line_feeds()
    {
        var record = OsvJson.Read(OsvFixtures.Bytes("affected-null.json"));

        var text = OsvJson.WriteString(record);

        Assert.Equal(
            "{\n  \"id\": \"x_vigil-affected-null\",\n  \"modified\": \"2024-05-01T00:00:00Z\",\n  \"affected\": null\n}",
            text);
        Assert.Equal(
            """{"id":"x_vigil-affected-null","modified":"2024-05-01T00:00:00Z","affected":null}""",
            OsvJson.WriteString(record, indented: false));
    }

    /// <summary>The schema's property order per object, written down independently of the library.</summary>
    private static class SchemaOrder
    {
        private static readonly string[] Record =
        [
            "schema_version", "id", "modified", "published", "withdrawn", "aliases", "related", "upstream",
            "summary", "details", "severity", "affected", "references", "credits", "database_specific",
        ];

        private static readonly string[] Affected = ["package", "severity", "ranges", "versions", "ecosystem_specific", "database_specific"];
        private static readonly string[] Package = ["ecosystem", "name", "purl"];
        private static readonly string[] Severity = ["type", "score"];
        private static readonly string[] Range = ["type", "repo", "events", "database_specific"];
        private static readonly string[] Reference = ["type", "url"];
        private static readonly string[] Credit = ["name", "contact", "type"];

        public static void Check(JsonElement record)
        {
            Object(record, Record, "$");
            Each(record, "severity", Severity, "$");
            Each(record, "references", Reference, "$");
            Each(record, "credits", Credit, "$");
            if (record.TryGetProperty("affected", out var affected) && affected.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var entry in affected.EnumerateArray())
                {
                    var path = $"$.affected[{i++}]";
                    Object(entry, Affected, path);
                    if (entry.TryGetProperty("package", out var package))
                    {
                        Object(package, Package, path + ".package");
                    }

                    Each(entry, "severity", Severity, path);
                    Each(entry, "ranges", Range, path);
                }
            }
        }

        private static void Each(JsonElement parent, string name, string[] order, string path)
        {
            if (parent.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in items.EnumerateArray())
                {
                    Object(item, order, $"{path}.{name}[{i++}]");
                }
            }
        }

        private static void Object(JsonElement element, string[] order, string path)
        {
            var last = -1;
            var extensionSeen = false;
            foreach (var property in element.EnumerateObject())
            {
                var index = Array.IndexOf(order, property.Name);
                if (index < 0)
                {
                    extensionSeen = true;
                    continue;
                }

                Assert.False(extensionSeen, $"{path}.{property.Name} comes after an extension property");
                Assert.True(index > last, $"{path}.{property.Name} is out of the schema order");
                last = index;
            }
        }
    }
}
