using System.Text.Json;
using System.Text;
using Vigil.Domain.Wording;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>
/// Second pass helpers: read the typed members of a record from a reader whose input already passed
/// <see cref="JsonSyntaxCheck"/>. Each value reader starts on the value's first token and stops on its last.
/// Type errors are thrown as <see cref="RecordReadException"/> at the key (or at the offending array item).
/// </summary>
internal static class JsonValueReader
{
    /// <summary>Moves to the record's opening brace.</summary>
    public static void StartRecord(ref Utf8JsonReader reader, NswgKind kind)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new RecordReadException(reader.TokenStartIndex, $"{Name(kind)} record must be a JSON object, not {JsonKinds.Describe(reader.TokenType)}");
        }
    }

    /// <summary>Moves to the next member's value; false at the closing brace.</summary>
    public static bool NextMember(ref Utf8JsonReader reader, out string name, out long nameOffset)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            nameOffset = reader.TokenStartIndex;
            return false;
        }

        name = reader.GetString()!;
        nameOffset = reader.TokenStartIndex;
        reader.Read();
        return true;
    }

    public static string String(ref Utf8JsonReader reader, string label, long at) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw TypeError(at, label, "a string", reader.TokenType);

    public static NswgField<string> StringOrNull(ref Utf8JsonReader reader, string label, long at) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => NswgField.Null<string>(),
            JsonTokenType.String => NswgField.Of(reader.GetString()!),
            _ => throw TypeError(at, label, "a string or null", reader.TokenType),
        };

    public static NswgNumber Number(ref Utf8JsonReader reader, string label, long at) =>
        reader.TokenType == JsonTokenType.Number
            ? NswgNumber.Parse(Encoding.UTF8.GetString(reader.ValueSpan))
            : throw TypeError(at, label, "a number", reader.TokenType);

    public static NswgField<NswgNumber> NumberOrNull(ref Utf8JsonReader reader, string label, long at) =>
        reader.TokenType == JsonTokenType.Null
            ? NswgField.Null<NswgNumber>()
            : reader.TokenType == JsonTokenType.Number
                ? NswgField.Of(Number(ref reader, label, at))
                : throw TypeError(at, label, "a number or null", reader.TokenType);

    public static NswgList<string> StringArray(ref Utf8JsonReader reader, string label, long at, string expected = "an array of strings")
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw TypeError(at, label, expected, reader.TokenType);
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new RecordReadException(reader.TokenStartIndex, $"'{label}' must be {expected}: item {items.Count} is {JsonKinds.Describe(reader.TokenType)}");
            }

            items.Add(reader.GetString()!);
        }

        return NswgList.From(items);
    }

    public static NswgField<NswgList<string>> StringArrayOrNull(ref Utf8JsonReader reader, string label, long at) =>
        reader.TokenType == JsonTokenType.Null
            ? NswgField.Null<NswgList<string>>()
            : NswgField.Of(StringArray(ref reader, label, at, "an array of strings or null"));

    /// <summary>Any JSON value, kept as an element that does not depend on the input buffer.</summary>
    public static JsonElement Element(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    public static RecordReadException TypeError(long at, string label, string expected, JsonTokenType found) =>
        new(at, $"'{label}' must be {expected}, not {JsonKinds.Describe(found)}");

    private static string Name(NswgKind kind) => kind switch
    {
        NswgKind.Core => "a core",
        NswgKind.Npm => "an npm",
        _ => "a deps",
    };
}
