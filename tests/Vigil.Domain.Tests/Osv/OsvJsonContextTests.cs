using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

/// <summary>Serializing through source-generated System.Text.Json contexts gives the same JSON as <see cref="OsvJson"/>.</summary>
public partial class OsvJsonContextTests
{
    [Theory]
    [MemberData(nameof(OsvRoundTripTests.Fixtures), MemberType = typeof(OsvRoundTripTests))]
    public void The_library_context_writes_and_reads_like_OsvJson(string fixture)
    {
        var record = OsvJson.Read(OsvFixtures.Bytes(fixture), fixture);

        var json = JsonSerializer.Serialize(record, OsvJsonContext.Default.OsvRecord);

        // Same data and property order; only the escaping differs, as the serializer's encoder decides it.
        using var expected = JsonDocument.Parse(OsvJson.Write(record));
        using var actual = JsonDocument.Parse(json);
        Assert.Null(JsonDeepEquality.Difference(expected.RootElement, actual.RootElement));
        Assert.Equal(
            expected.RootElement.EnumerateObject().Select(p => p.Name),
            actual.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(record, JsonSerializer.Deserialize(json, OsvJsonContext.Default.OsvRecord));
    }

    [Fact]
    public void Another_context_uses_the_record_converter_for_nested_records()
    {
        var record = OsvJson.Read(OsvFixtures.Bytes("ghsa-npm-ecosystem-range.json"));
        var envelope = new Envelope("ghsa", [record]);

        var json = JsonSerializer.Serialize(envelope, EnvelopeContext.Default.Envelope);
        var back = JsonSerializer.Deserialize(json, EnvelopeContext.Default.Envelope)!;

        Assert.StartsWith("""{"source":"ghsa","records":[{"schema_version":"1.4.0","id":"GHSA-c2qf-rxjj-qqgw",""", json, StringComparison.Ordinal);
        Assert.Equal(record, Assert.Single(back.Records));
    }

    [Fact]
    public void Converter_errors_are_json_exceptions_with_the_reason_and_position()
    {
        var json = Encoding.UTF8.GetBytes("""{"source":"x","records":[{"id":"a"}]}""");

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, EnvelopeContext.Default.Envelope));

        Assert.Equal("'modified' is required", error.Message);
        Assert.Equal("$.records[0]", error.Path);
    }

    public sealed record Envelope(string Source, IReadOnlyList<OsvRecord> Records);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Envelope))]
    internal sealed partial class EnvelopeContext : JsonSerializerContext;
}
