using System.Text;

namespace Vigil.Lockfiles.Text;

/// <summary>A lockfile's bytes, checked to be UTF-8 text, with its name for error messages.</summary>
internal sealed class SourceText
{
    private SourceText(string name, ReadOnlyMemory<byte> utf8)
    {
        Name = name;
        Utf8 = utf8;
    }

    /// <summary>The file name used in errors.</summary>
    public string Name { get; }

    /// <summary>The text without its byte order mark.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>
    /// Checks what every lockfile must be: at most <see cref="LockfileLimits.MaxFileBytes"/>, UTF-8 (a byte order
    /// mark is skipped), no NUL byte, no git merge conflict markers.
    /// </summary>
    public static SourceText Check(string name, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > LockfileLimits.MaxFileBytes)
        {
            throw new LockfileParseException(Errors.TooLarge(name, bytes.Length));
        }

        var utf8 = bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        var text = new SourceText(name, utf8);
        var span = utf8.Span;
        var invalid = FirstInvalidUtf8(span);
        if (invalid >= 0)
        {
            throw text.Error(invalid, LockfileErrorKind.NotText, $"not UTF-8 text: byte 0x{span[invalid]:X2} does not start a valid character");
        }

        var nul = span.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw text.Error(nul, LockfileErrorKind.NotText, "not text: a NUL byte");
        }

        var marker = ConflictMarker(span);
        if (marker >= 0)
        {
            throw text.Error(marker, LockfileErrorKind.ConflictMarkers, "git merge conflict marker: resolve the conflict (or let the package manager do it) and read the lockfile again");
        }

        return text;
    }

    /// <summary>
    /// For the line-based formats (YAML, yarn's classic format), where a file cut at the end of a line can still
    /// parse: every client ends its lockfile with a line break, so a file that does not is taken as truncated.
    /// </summary>
    public void RequireFinalLineBreak()
    {
        var span = Utf8.Span;
        if (!span.IsEmpty && span[^1] != (byte)'\n')
        {
            throw Error(span.Length, LockfileErrorKind.Syntax, "the file does not end with a line break, as every package manager writes it: it looks truncated");
        }
    }

    /// <summary>An error at a byte offset.</summary>
    public LockfileParseException Error(long offset, LockfileErrorKind kind, string reason)
    {
        var (line, column) = LineAndColumn(offset);
        return new LockfileParseException(new LockfileError(Name, line, column, kind, reason));
    }

    /// <summary>The 1-based line and column (in characters) of a byte offset.</summary>
    public (int Line, int Column) LineAndColumn(long offset)
    {
        var span = Utf8.Span;
        var end = (int)Math.Clamp(offset, 0, span.Length);
        var before = span[..end];
        var line = before.Count((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[(before.LastIndexOf((byte)'\n') + 1)..])
        {
            if ((b & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return (line, column);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return -1;
        }

        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }

    /// <summary>The offset of the first line that starts with <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c>, <c>|||||||</c> or <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c>, or -1.</summary>
    /// <remarks>Each marker is looked for after a line break with one vectorized search, not line by line.</remarks>
    private static int ConflictMarker(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("<<<<<<<"u8) || utf8.StartsWith(">>>>>>>"u8) || utf8.StartsWith("|||||||"u8))
        {
            return 0;
        }

        var first = Earliest(-1, utf8.IndexOf("\n<<<<<<<"u8));
        first = Earliest(first, utf8.IndexOf("\n>>>>>>>"u8));
        first = Earliest(first, utf8.IndexOf("\n|||||||"u8));
        return first < 0 ? -1 : first + 1;

        static int Earliest(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);
    }
}
