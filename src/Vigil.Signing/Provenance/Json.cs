using System.Globalization;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>Reading the protobuf-JSON documents of Sigstore strictly, naming the field that is missing or wrong.</summary>
internal static class Json
{
    /// <summary>Documents are parsed with this depth limit (real ones nest under 10).</summary>
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static JsonElement Object(JsonElement parent, string name, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw ProvenanceException.Invalid($"{where}: '{name}' is missing or not an object");

    public static JsonElement? OptionalObject(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    public static JsonElement Array(JsonElement parent, string name, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value
            : throw ProvenanceException.Invalid($"{where}: '{name}' is missing or not an array");

    public static string String(JsonElement parent, string name, string where) =>
        OptionalString(parent, name) ?? throw ProvenanceException.Invalid($"{where}: '{name}' is missing or not a string");

    public static string? OptionalString(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static byte[] Base64(JsonElement parent, string name, string where)
    {
        var text = String(parent, name, where);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw ProvenanceException.Invalid($"{where}: '{name}' is not base64");
        }
    }

    /// <summary>An int64 as protobuf JSON writes it (a string of digits), or a plain number.</summary>
    public static long Int64(JsonElement parent, string name, string where)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number))
            {
                return number;
            }

            if (value.ValueKind == JsonValueKind.String
                && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                return number;
            }
        }

        throw ProvenanceException.Invalid($"{where}: '{name}' is missing or not an integer");
    }
}
