namespace Vigil.Domain.Osv.Serialization;

/// <summary>Converts byte offsets in UTF-8 text to 1-based lines and columns. Lines end at <c>\n</c>, as for the JSON reader.</summary>
internal static class OsvTextPosition
{
    /// <summary>The 1-based line and column (in code points) of the byte at <paramref name="offset"/>.</summary>
    public static (int Line, int Column) LineAndColumn(ReadOnlySpan<byte> utf8, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, utf8.Length);
        var before = utf8[..end];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = 1;
        foreach (var b in before[lineStart..])
        {
            if ((b & 0xC0) != 0x80)
            {
                column++; // count lead bytes only, so a multi-byte character is one column
            }
        }

        return (line, column);
    }

    /// <summary>The byte offset of a 0-based line and byte position, as the JSON reader reports them.</summary>
    public static long Offset(ReadOnlySpan<byte> utf8, long line, long bytePositionInLine)
    {
        var lineStart = 0;
        for (var i = 0L; i < line; i++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
            {
                break;
            }

            lineStart += next + 1;
        }

        return Math.Min(lineStart + bytePositionInLine, utf8.Length);
    }
}
