using System.Text.Json;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>
/// First pass over a file: strict JSON syntax (no comments, no trailing commas), at most
/// <see cref="MaxDepth"/> nested objects and arrays, no duplicate key in any object, no string that .NET
/// cannot hold. Also notes whether non-ASCII characters are written as <c>\uXXXX</c> escapes.
/// </summary>
internal static class JsonSyntaxCheck
{
    public const int MaxDepth = 64;

    /// <summary>Checks the input; returns whether a string holds a <c>\u</c> escape of a character from U+007F on.</summary>
    /// <exception cref="RecordReadException">The input is not acceptable JSON.</exception>
    public static bool Run(ReadOnlySpan<byte> json)
    {
        if (json.TrimEnd(" \t\r\n"u8).IsEmpty)
        {
            throw new RecordReadException(0, "the file is empty: there is no JSON value");
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth + 1 });
        var objects = new Stack<HashSet<string>?>();
        var nonAsciiEscape = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (reader.CurrentDepth >= MaxDepth)
                        {
                            throw new RecordReadException(reader.TokenStartIndex, $"nesting deeper than {MaxDepth} levels of objects and arrays");
                        }

                        objects.Push(reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        objects.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = ReadString(ref reader);
                        if (!objects.Peek()!.Add(name))
                        {
                            throw new RecordReadException(reader.TokenStartIndex, $"duplicate key '{name}' in the same object");
                        }

                        nonAsciiEscape |= HasNonAsciiEscape(ref reader);
                        break;
                    case JsonTokenType.String:
                        ReadString(ref reader);
                        nonAsciiEscape |= HasNonAsciiEscape(ref reader);
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var offset = TextPosition.ToOffset(json, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            var content = json.TrimEnd(" \t\r\n"u8).Length;
            var reason = offset >= content
                ? "unexpected end of file: the JSON is truncated (a value, string, array or object is not finished)"
                : "invalid JSON: " + Explain(json, offset, e.Message);
            throw new RecordReadException(offset, reason);
        }

        return nonAsciiEscape;
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new RecordReadException(reader.TokenStartIndex, "invalid string: a \\u escape is half of a UTF-16 surrogate pair");
        }
    }

    private static bool HasNonAsciiEscape(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return false;
        }

        var raw = reader.ValueSpan;
        for (var i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            if (raw[i + 1] == (byte)'u' && i + 5 < raw.Length
                && System.Buffers.Text.Utf8Parser.TryParse(raw.Slice(i + 2, 4), out ushort code, out var used, 'x')
                && used == 4 && code >= 0x7F)
            {
                return true;
            }

            i++;
        }

        return false;
    }

    /// <summary>The reader's message in plain terms, on one line, without its 0-based position.</summary>
    private static string Explain(ReadOnlySpan<byte> json, long offset, string message)
    {
        if (offset < json.Length && json[(int)offset] == (byte)'/')
        {
            return "comments are not allowed";
        }

        if (message.Contains("trailing comma", StringComparison.Ordinal))
        {
            return "a comma before a closing bracket or brace is not allowed";
        }

        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).TrimEnd();
        return text.Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
    }
}
