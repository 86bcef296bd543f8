using System.Collections.Immutable;

namespace Vigil.Lockfiles;

/// <summary>
/// A package the lockfile resolves: one name and version (copies installed at several places in the tree are one
/// package, unless the lockfile gives them a different <see cref="Resolved"/> URL or <see cref="Integrity"/>).
/// Immutable.
/// </summary>
public sealed class ResolvedPackage
{
    /// <summary>The package's real name, as published (for an npm alias, the aliased package: <c>ms</c> for <c>"ms-one": "npm:ms@1.0.0"</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The version, as the lockfile writes it (empty for a git, file or link dependency whose lockfile writes none).</summary>
    public required string Version { get; init; }

    /// <summary>The alias names the package is installed under, when a dependency is an npm alias; sorted, usually empty.</summary>
    public ImmutableArray<string> AliasNames { get; init; } = [];

    /// <summary>How the project needs the package (prod, dev, optional, dev-optional, peer).</summary>
    public DependencyType Type { get; init; }

    private ImmutableArray<DependencyPath> _paths = [];
    private bool _pathsTruncated;
    private Func<(ImmutableArray<DependencyPath> Paths, bool More)>? _findPaths;

    /// <summary>
    /// The ways the root project reaches the package, shortest first (then in name order), at most
    /// <see cref="LockfileLimits.MaxPathsPerPackage"/>; empty when nothing in the lockfile depends on it.
    /// </summary>
    /// <remarks>A reader may leave them to be found on first use (an audit prints the paths of a few packages only).</remarks>
    public ImmutableArray<DependencyPath> Paths
    {
        get
        {
            FindPaths();
            return _paths;
        }

        init => _paths = value;
    }

    /// <summary>True when more paths exist than <see cref="Paths"/> holds.</summary>
    public bool PathsTruncated
    {
        get
        {
            FindPaths();
            return _pathsTruncated;
        }

        init => _pathsTruncated = value;
    }

    /// <summary>
    /// Finds <see cref="Paths"/> on first use, once (whatever the threads): the paths, and whether more exist
    /// (added to <see cref="PathsTruncated"/> as given).
    /// </summary>
    internal Func<(ImmutableArray<DependencyPath> Paths, bool More)>? FindPathsLater
    {
        init => _findPaths = value;
    }

    /// <summary>The paths (relative to the project root, <c>/</c>-separated) of the workspaces whose dependency trees hold the package; sorted, empty when only the root project needs it.</summary>
    public ImmutableArray<string> Workspaces { get; init; } = [];

    /// <summary>Where the package comes from.</summary>
    public PackageSource Source { get; init; } = PackageSource.Registry;

    /// <summary>The URL (or locator) the lockfile says the package was fetched from, when it says; not checked here.</summary>
    public string? Resolved { get; init; }

    /// <summary>The integrity (<c>sha512-…</c>) or checksum the lockfile records, when it does; not checked here.</summary>
    public string? Integrity { get; init; }

    private void FindPaths()
    {
        var find = Volatile.Read(ref _findPaths);
        if (find is null)
        {
            return;
        }

        lock (find)
        {
            if (_findPaths is null)
            {
                return;
            }

            var (paths, more) = find();
            _paths = paths;
            _pathsTruncated |= more;
            Volatile.Write(ref _findPaths, null);
        }
    }

    /// <summary><c>name@version</c>.</summary>
    public override string ToString() => Name + "@" + Version;
}
