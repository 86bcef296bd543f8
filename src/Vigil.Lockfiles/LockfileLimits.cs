namespace Vigil.Lockfiles;

/// <summary>
/// The limits that keep hostile input from exhausting memory, stack or time. Input over a limit is rejected with a
/// <see cref="LockfileError"/>, never read in part.
/// </summary>
public static class LockfileLimits
{
    /// <summary>
    /// The largest lockfile read: 64 MiB. The largest real lockfiles (monorepos with tens of thousands of packages)
    /// are a few tens of MiB; a larger file is rejected by its size before any of it is parsed.
    /// </summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The largest <c>package.json</c> read beside a lockfile or in <c>node_modules</c>: 4 MiB.</summary>
    public const long MaxManifestBytes = 4L * 1024 * 1024;

    /// <summary>
    /// The deepest nesting of JSON or YAML values (objects, arrays, mappings, sequences): 256. Real lockfiles nest
    /// a few levels (npm's v1 format nests two levels per <c>node_modules</c> level).
    /// </summary>
    public const int MaxDepth = 256;

    /// <summary>The most values (scalars, mappings, sequences) one YAML or JSON document may hold: 20 million.</summary>
    public const int MaxNodes = 20_000_000;

    /// <summary>The most packages read from one <c>node_modules</c> tree: 200,000.</summary>
    public const int MaxInstalledPackages = 200_000;

    /// <summary>
    /// The most paths kept per package: 10, shortest first. Popular packages can be reached in thousands of ways;
    /// <see cref="ResolvedPackage.PathsTruncated"/> says when some were left out.
    /// </summary>
    public const int MaxPathsPerPackage = 10;
}
