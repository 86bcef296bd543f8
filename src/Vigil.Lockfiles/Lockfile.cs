using System.Collections.Immutable;

namespace Vigil.Lockfiles;

/// <summary>Everything a lockfile (or an installed <c>node_modules</c> tree) resolves. Immutable.</summary>
public sealed class Lockfile
{
    /// <summary>The file (or folder) read, as the caller named it.</summary>
    public required string Path { get; init; }

    /// <summary>The format.</summary>
    public required LockfileFormat Format { get; init; }

    /// <summary>The format's own version as the file writes it (<c>3</c>, <c>9.0</c>, <c>5.4</c>, <c>v1</c>, <c>8</c>), or empty.</summary>
    public required string FormatVersion { get; init; }

    /// <summary>The packages to audit: every registry package, sorted by name, then version.</summary>
    public required ImmutableArray<ResolvedPackage> Packages { get; init; }

    /// <summary>Dependencies that are not audited (git, file, link, tarball URL), with the reason; sorted by name.</summary>
    public required ImmutableArray<NotAuditedDependency> NotAudited { get; init; }

    /// <summary>The project's workspaces (not including the root), sorted by path.</summary>
    public required ImmutableArray<Workspace> Workspaces { get; init; }

    /// <summary>
    /// Things the reader could not know or chose to skip, in words (e.g. a <c>package.json</c> missing beside a
    /// <c>yarn.lock</c>, so dev dependencies cannot be told apart). Empty for a complete reading.
    /// </summary>
    public ImmutableArray<string> Warnings { get; init; } = [];

    /// <summary><c>path (format version): N packages</c>.</summary>
    public override string ToString() => $"{Path} ({Format} {FormatVersion}): {Packages.Length} packages, {NotAudited.Length} not audited";
}
