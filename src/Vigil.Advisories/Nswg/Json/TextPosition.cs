using System.Text;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>Turns byte offsets into 1-based line and column (the column counts Unicode scalar values).</summary>
internal static class TextPosition
{
    public static (int Line, int Column) FromOffset(ReadOnlySpan<byte> utf8, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, utf8.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < end; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        var column = 1;
        var rest = utf8[lineStart..end];
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf8(rest, out _, out var consumed);
            rest = rest[consumed..];
            column++;
        }

        return (line, column);
    }

    /// <summary>The offset of a 0-based line number and byte position in that line, as System.Text.Json reports them.</summary>
    public static long ToOffset(ReadOnlySpan<byte> utf8, long lineNumber, long bytePositionInLine)
    {
        long offset = 0;
        for (long line = 0; line < lineNumber && offset < utf8.Length; line++)
        {
            var next = utf8[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return utf8.Length;
            }

            offset += next + 1;
        }

        return Math.Min(offset + bytePositionInLine, utf8.Length);
    }

    /// <summary>The offset of the first byte that is not valid UTF-8, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
