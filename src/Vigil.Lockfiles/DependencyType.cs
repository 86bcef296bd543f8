namespace Vigil.Lockfiles;

/// <summary>
/// How the project needs a package, with npm's meaning (the flags npm writes into <c>package-lock.json</c> and
/// that <c>npm audit --omit</c> reads). A package with no flag is a production dependency.
/// </summary>
/// <remarks>
/// <para>Each flag says that <em>every</em> path from the project to the package goes through such an edge:
/// <see cref="Dev"/> through a <c>devDependencies</c> entry of the root or of a workspace, <see cref="Optional"/>
/// through an <c>optionalDependencies</c> entry, <see cref="Peer"/> through a <c>peerDependencies</c> entry.
/// <see cref="DevOptional"/> is set when every path goes through a dev <em>or</em> an optional edge but neither
/// <see cref="Dev"/> nor <see cref="Optional"/> holds alone; npm leaves such a package out only when both dev and
/// optional dependencies are omitted.</para>
/// <para>Formats that write these flags (npm) are read as written; for the others they are computed from the
/// dependency graph with npm's rule.</para>
/// </remarks>
[Flags]
public enum DependencyType
{
    /// <summary>A production dependency: some path reaches it through regular dependencies only.</summary>
    Prod = 0,

    /// <summary>Every path goes through a dev dependency.</summary>
    Dev = 1,

    /// <summary>Every path goes through an optional dependency.</summary>
    Optional = 2,

    /// <summary>Every path goes through a dev or an optional dependency, but not all through one kind.</summary>
    DevOptional = 4,

    /// <summary>Every path goes through a peer dependency.</summary>
    Peer = 8,
}
