namespace Vigil.Domain.Osv;

/// <summary>Why and where an OSV document could not be read.</summary>
/// <param name="SourceName">The name the caller gave the input (a file name), or <c>&lt;input&gt;</c>.</param>
/// <param name="Line">The 1-based line of the offending token.</param>
/// <param name="Column">The 1-based column of the offending token, counted in characters (code points).</param>
/// <param name="Path">Where in the record, e.g. <c>affected[0].package</c>; empty for the top level.</param>
/// <param name="Reason">What is wrong, e.g. <c>'modified' is required</c>.</param>
public sealed record OsvReadError(string SourceName, int Line, int Column, string Path, string Reason)
{
    /// <summary>The error as a compiler-style line: <c>advisory.json:12:5: 'modified' is required</c>.</summary>
    public string Message => $"{SourceName}:{Line}:{Column}: {Reason}";

    /// <summary>The error as a compiler-style line.</summary>
    /// <returns><see cref="Message"/>.</returns>
    public override string ToString() => Message;
}
