namespace Vigil.Lockfiles.Tree;

/// <summary>
/// Where a value starts: a byte offset (JSON; the line is worked out only for an error), or a line and column (YAML).
/// One number (8 bytes, as every value and key of a tree has one): an offset, or, below zero, a line and column.
/// </summary>
internal readonly struct TextPoint
{
    private readonly long _value;

    private TextPoint(long value) => _value = value;

    /// <summary>The byte offset, or -1 for a line and column.</summary>
    public long Offset => _value >= 0 ? _value : -1;

    /// <summary>The 1-based line, or 0 for an offset.</summary>
    public int Line => _value >= 0 ? 0 : (int)(~_value >> 32);

    /// <summary>The 1-based column, or 0 for an offset.</summary>
    public int Column => _value >= 0 ? 0 : (int)(uint)~_value;

    public static TextPoint AtOffset(long offset) => new(offset);

    /// <summary>A line and column, neither negative.</summary>
    public static TextPoint At(int line, int column) => new(~(((long)line << 32) | (uint)column));
}
