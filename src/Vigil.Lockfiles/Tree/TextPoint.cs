namespace Vigil.Lockfiles.Tree;

/// <summary>Where a value starts: a byte offset (JSON; the line is worked out only for an error), or a line and column (YAML).</summary>
internal readonly record struct TextPoint(long Offset, int Line, int Column)
{
    public static TextPoint AtOffset(long offset) => new(offset, 0, 0);

    public static TextPoint At(int line, int column) => new(-1, line, column);
}
