using System.Text.Json;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>
/// Reader primitives shared by the record readers: typed values with clear errors, duplicate-name checks,
/// the depth limit, and verbatim capture of free-form JSON. Every error is an <see cref="OsvParseFailure"/>
/// at the offending token.
/// </summary>
internal static class OsvReading
{
    public static string Child(string path, string name) => path.Length == 0 ? name : path + "." + name;

    public static string Item(string path, int index) => $"{path}[{index}]";

    public static OsvParseFailure Fail(ref Utf8JsonReader reader, string path, string reason) =>
        new(reader.TokenStartIndex, path, reason);

    /// <summary>Checks the current token opens an object, within the depth limit.</summary>
    public static void ExpectObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, path, path.Length == 0 ? "expected a JSON object" : $"expected an object for '{path}'");
        }

        CheckDepth(ref reader, path);
    }

    /// <summary>Checks the current token opens an array, within the depth limit.</summary>
    public static void ExpectArray(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Fail(ref reader, path, $"expected an array for '{path}'");
        }

        CheckDepth(ref reader, path);
    }

    /// <summary>
    /// Moves to the next property of the object being read and returns its name, or null at the end of the
    /// object. Rejects a name already in <paramref name="seen"/>, compared after unescaping.
    /// </summary>
    public static string? NextProperty(ref Utf8JsonReader reader, string path, HashSet<string> seen)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = Name(ref reader, path);
        if (!seen.Add(name))
        {
            throw Fail(ref reader, Child(path, name), $"duplicate property '{Child(path, name)}'");
        }

        reader.Read();
        return name;
    }

    /// <summary>The current property name, unescaped.</summary>
    public static string Name(ref Utf8JsonReader reader, string path) => Text(ref reader, path);

    /// <summary>The current token as a string.</summary>
    public static string String(ref Utf8JsonReader reader, string path) =>
        reader.TokenType == JsonTokenType.String
            ? Text(ref reader, path)
            : throw Fail(ref reader, path, $"expected a string for '{path}'");

    /// <summary>The current token as an array of strings.</summary>
    public static List<string> Strings(ref Utf8JsonReader reader, string path)
    {
        ExpectArray(ref reader, path);
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(String(ref reader, Item(path, items.Count)));
        }

        return items;
    }

    /// <summary>
    /// The current value, any kind, captured verbatim (number text, property order) after checking it for
    /// duplicate names, depth and text that cannot be decoded.
    /// </summary>
    public static JsonElement FreeForm(ref Utf8JsonReader reader, string path)
    {
        var probe = reader;
        Validate(ref probe, path);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The current value as a free-form object (<c>database_specific</c>, <c>ecosystem_specific</c>).</summary>
    public static JsonElement FreeFormObject(ref Utf8JsonReader reader, string path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Fail(ref reader, path, $"expected an object for '{path}'");
        }

        return FreeForm(ref reader, path);
    }

    private static void Validate(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                CheckDepth(ref reader, path);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (NextProperty(ref reader, path, seen) is { } name)
                {
                    Validate(ref reader, Child(path, name));
                }

                break;

            case JsonTokenType.StartArray:
                CheckDepth(ref reader, path);
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    Validate(ref reader, Item(path, i));
                }

                break;

            case JsonTokenType.String:
                Text(ref reader, path);
                break;
        }
    }

    private static void CheckDepth(ref Utf8JsonReader reader, string path)
    {
        if (reader.CurrentDepth >= OsvJson.MaxDepth)
        {
            throw Fail(ref reader, path, $"'{path}' is nested deeper than the limit of {OsvJson.MaxDepth} levels");
        }
    }

    private static string Text(ref Utf8JsonReader reader, string path)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Fail(ref reader, path, $"'{path}' holds text that is not valid UTF-8 or UTF-16");
        }
    }
}
