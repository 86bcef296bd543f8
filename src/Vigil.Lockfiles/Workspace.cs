namespace Vigil.Lockfiles;

/// <summary>A workspace of the project (a package of a monorepo); workspaces are not audited themselves.</summary>
/// <param name="Path">The folder, relative to the project root, <c>/</c>-separated (e.g. <c>packages/a</c>).</param>
/// <param name="Name">The workspace's package name, or empty when the lockfile does not record it.</param>
/// <param name="Version">The workspace's version, or empty when the lockfile does not record it.</param>
public sealed record Workspace(string Path, string Name, string Version);
