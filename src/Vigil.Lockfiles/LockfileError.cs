namespace Vigil.Lockfiles;

/// <summary>Why and where a lockfile could not be read.</summary>
/// <param name="File">The file, as the caller named it.</param>
/// <param name="Line">The 1-based line of the problem, or 0 when it concerns the whole file (e.g. its size).</param>
/// <param name="Column">The 1-based column (in characters), or 0 when unknown.</param>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Reason">What is wrong, e.g. <c>duplicate key 'node_modules/ms'</c>.</param>
public sealed record LockfileError(string File, int Line, int Column, LockfileErrorKind Kind, string Reason)
{
    /// <summary>The error as a compiler-style line: <c>package-lock.json:12:5: duplicate key 'node_modules/ms'</c>.</summary>
    public string Message => Line <= 0 ? $"{File}: {Reason}"
        : Column <= 0 ? $"{File}:{Line}: {Reason}"
        : $"{File}:{Line}:{Column}: {Reason}";

    /// <summary>The error as a compiler-style line.</summary>
    /// <returns><see cref="Message"/>.</returns>
    public override string ToString() => Message;
}
