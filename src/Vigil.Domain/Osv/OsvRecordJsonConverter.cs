using System.Text.Json;
using System.Text.Json.Serialization;
using Vigil.Domain.Osv.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// Lets <see cref="System.Text.Json"/> (including source-generated contexts, see <see cref="OsvJsonContext"/>)
/// read and write <see cref="OsvRecord"/> with the same lossless rules as <see cref="OsvJson"/>. Errors are
/// <see cref="JsonException"/>s whose message gives the reason; the serializer adds the position. The
/// <see cref="OsvJson.MaxDepth"/> limit counts from the outermost document, so a record nested in another
/// document has fewer levels left for its free-form JSON.
/// </summary>
public sealed class OsvRecordJsonConverter : JsonConverter<OsvRecord>
{
    /// <summary>Reads a record from the reader's current value.</summary>
    /// <param name="reader">The reader, on the record's first token.</param>
    /// <param name="typeToConvert">The type, <see cref="OsvRecord"/>.</param>
    /// <param name="options">The serializer options (not used: the format is fixed by the schema).</param>
    /// <returns>The record.</returns>
    public override OsvRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return OsvRecordReader.Read(ref reader);
        }
        catch (OsvParseFailure failure)
        {
            throw new JsonException(failure.Reason, failure);
        }
    }

    /// <summary>Writes a record in the schema's property order.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The record.</param>
    /// <param name="options">The serializer options (not used: the format is fixed by the schema).</param>
    public override void Write(Utf8JsonWriter writer, OsvRecord value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        OsvRecordWriter.Write(writer, value);
    }
}
