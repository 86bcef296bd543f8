namespace Vigil.Advisories.Nswg;

/// <summary>
/// How a record file is laid out, so that <see cref="NswgWriter"/> can write it back the way it was read.
/// The layout is the one of JavaScript's <c>JSON.stringify(record, null, indent)</c>: one member or item per line,
/// <c>"key": value</c>, empty arrays and objects as <c>[]</c> and <c>{}</c>.
/// </summary>
public sealed record NswgFormat
{
    private readonly string _indent = "  ";
    private readonly string _newLine = "\n";
    private readonly string _margin = string.Empty;

    /// <summary>The layout of most WG core and npm files: two spaces, <c>\n</c>, a final newline.</summary>
    public static NswgFormat Standard { get; } = new();

    /// <summary>The layout of the WG deps files: four spaces and no final newline.</summary>
    public static NswgFormat Deps { get; } = new() { Indent = "    ", FinalNewLine = false };

    /// <summary>One indentation level: spaces or tabs; empty for compact JSON on one line.</summary>
    /// <exception cref="ArgumentException">The value holds something other than spaces and tabs.</exception>
    public string Indent
    {
        get => _indent;
        init => _indent = value is not null && value.All(c => c is ' ' or '\t')
            ? value
            : throw new ArgumentException("The indent must be made of spaces and tabs.", nameof(value));
    }

    /// <summary>
    /// Spaces or tabs at the start of every line after the first, before the indentation: a few WG files were
    /// pasted with every line but the first shifted right, so that even the closing brace is indented. Usually empty.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds something other than spaces and tabs.</exception>
    public string Margin
    {
        get => _margin;
        init => _margin = value is not null && value.All(c => c is ' ' or '\t')
            ? value
            : throw new ArgumentException("The margin must be made of spaces and tabs.", nameof(value));
    }

    /// <summary>The line break: <c>\n</c> or <c>\r\n</c>.</summary>
    /// <exception cref="ArgumentException">The value is neither <c>\n</c> nor <c>\r\n</c>.</exception>
    public string NewLine
    {
        get => _newLine;
        init => _newLine = value is "\n" or "\r\n"
            ? value
            : throw new ArgumentException("The line break must be \\n or \\r\\n.", nameof(value));
    }

    /// <summary>Whether the file ends with a line break after the closing brace.</summary>
    public bool FinalNewLine { get; init; } = true;

    /// <summary>
    /// Whether characters from U+007F on are written as <c>\uXXXX</c> escapes (as Python's <c>json.dumps</c> does)
    /// instead of as UTF-8 (as <c>JSON.stringify</c> does).
    /// </summary>
    public bool EscapeNonAscii { get; init; }

    /// <summary>Whether the file starts with a UTF-8 byte order mark.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>The layout the WG uses for new files of <paramref name="kind"/>.</summary>
    public static NswgFormat ForKind(NswgKind kind) => kind == NswgKind.Deps ? Deps : Standard;
}
