namespace Vigil.Advisories.Import;

/// <summary>The formats an advisory file can be in.</summary>
public enum AdvisoryFormat
{
    /// <summary>An OSV record (schema 1.x).</summary>
    Osv,

    /// <summary>A WG record of an npm module: <c>npm/N.json</c>.</summary>
    NswgNpm,

    /// <summary>A WG record of Node.js core: <c>core/N.json</c>.</summary>
    NswgCore,

    /// <summary>A WG record of a bundled dependency's CVE that does not affect Node.js: <c>deps/N.json</c>.</summary>
    NswgDeps,

    /// <summary>The Node.js release schedule (<c>schedule.json</c> of the nodejs/Release repository).</summary>
    NodeReleaseSchedule,
}

/// <summary>One advisory file's bytes, where it came from, and its format.</summary>
/// <param name="Location">How messages name it: a path, or <c>archive.zip!entry.json</c>.</param>
/// <param name="Format">Its format.</param>
/// <param name="Content">Its bytes.</param>
public sealed record AdvisoryDocument(string Location, AdvisoryFormat Format, ReadOnlyMemory<byte> Content);

/// <summary>A file, entry or path that could not be used, and why.</summary>
/// <param name="Location">The file (with <c>:line:column</c> when known) or path.</param>
/// <param name="Message">The reason.</param>
public sealed record AdvisoryProblem(string Location, string Message)
{
    /// <summary><c>location: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
