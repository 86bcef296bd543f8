namespace Vigil.Advisories.Nswg.Json;

/// <summary>Reads the layout of a record file: indentation, line break, final newline, escaping, byte order mark.</summary>
internal static class FormatDetector
{
    /// <param name="json">The file after any byte order mark; already checked to be a JSON object.</param>
    /// <param name="byteOrderMark">Whether the file started with one.</param>
    /// <param name="nonAsciiEscape">Whether a string escapes a character from U+007F on.</param>
    /// <param name="kind">The record kind, for the indent of an empty object.</param>
    public static NswgFormat Detect(ReadOnlySpan<byte> json, bool byteOrderMark, bool nonAsciiEscape, NswgKind kind)
    {
        var firstBreak = json.IndexOf((byte)'\n');
        var newLine = firstBreak > 0 && json[firstBreak - 1] == (byte)'\r' ? "\r\n" : "\n";
        var content = json.TrimEnd(" \t\r\n"u8);
        var trailing = json[content.Length..];
        var margin = DetectMargin(content);
        var indent = DetectIndent(json, kind);
        if (margin.Length > 0 && indent.Length > margin.Length && indent.StartsWith(margin, StringComparison.Ordinal))
        {
            indent = indent[margin.Length..];
        }
        else
        {
            margin = string.Empty;
        }

        return new NswgFormat
        {
            Indent = indent,
            Margin = margin,
            NewLine = newLine,
            FinalNewLine = trailing.EndsWith("\n"u8),
            EscapeNonAscii = nonAsciiEscape && json.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0,
            ByteOrderMark = byteOrderMark,
        };
    }

    /// <summary>The spaces and tabs before the closing brace when it starts its own line.</summary>
    private static string DetectMargin(ReadOnlySpan<byte> content)
    {
        var beforeClose = content[..^1];
        var lastBreak = beforeClose.LastIndexOf((byte)'\n');
        var run = beforeClose[(lastBreak + 1)..];
        return lastBreak >= 0 && !run.ContainsAnyExcept(" \t"u8) ? System.Text.Encoding.ASCII.GetString(run) : string.Empty;
    }

    private static string DetectIndent(ReadOnlySpan<byte> json, NswgKind kind)
    {
        var open = json.IndexOf((byte)'{');
        var rest = json[(open + 1)..];
        var whitespace = rest.Length - rest.TrimStart(" \t\r\n"u8).Length;
        var run = rest[..whitespace];
        if (whitespace == rest.Length || rest[whitespace] == (byte)'}')
        {
            return NswgFormat.ForKind(kind).Indent;
        }

        var lastBreak = run.LastIndexOf((byte)'\n');
        if (lastBreak < 0)
        {
            return string.Empty;
        }

        var indent = run[(lastBreak + 1)..];
        return indent.ContainsAnyExcept(" \t"u8) ? NswgFormat.ForKind(kind).Indent : System.Text.Encoding.ASCII.GetString(indent);
    }
}
