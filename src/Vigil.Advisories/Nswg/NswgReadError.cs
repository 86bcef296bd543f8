namespace Vigil.Advisories.Nswg;

/// <summary>
/// Why a record file could not be read, and where: <c>npm/12.json:7:3: 'cves' must be an array of strings</c>.
/// Line and column are 1-based; the column counts characters (Unicode scalar values), not bytes.
/// Errors about the file as a whole (it cannot be opened, it is too large) have line and column 0.
/// </summary>
/// <param name="Source">The file name or path the caller gave.</param>
/// <param name="Line">1-based line, or 0 for the whole file.</param>
/// <param name="Column">1-based column, or 0 for the whole file.</param>
/// <param name="Reason">What is wrong.</param>
public sealed record NswgReadError(string Source, int Line, int Column, string Reason)
{
    /// <summary><c>source:line:column: reason</c>, or <c>source: reason</c> for the whole file.</summary>
    public override string ToString() =>
        Line > 0 ? $"{Source}:{Line}:{Column}: {Reason}" : $"{Source}: {Reason}";
}
