using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// The project beside a <c>yarn.lock</c>: the root <c>package.json</c> and the workspaces its <c>workspaces</c>
/// patterns match. Yarn's lockfiles do not say which dependencies are dev dependencies (berry) or what the project
/// depends on at all (classic), so the readers need the manifests.
/// </summary>
internal sealed class YarnProject
{
    private YarnProject(PackageManifest root, List<(string Path, PackageManifest Manifest)> workspaces)
    {
        Root = root;
        Workspaces = workspaces;
    }

    public PackageManifest Root { get; }

    public IReadOnlyList<(string Path, PackageManifest Manifest)> Workspaces { get; }

    public static YarnProject? TryRead(string? projectFolder)
    {
        var root = projectFolder is null ? null : PackageManifest.TryRead(projectFolder, "package.json");
        if (root is null)
        {
            return null;
        }

        var workspaces = new List<(string, PackageManifest)>();
        foreach (var path in WorkspaceGlobs.Expand(projectFolder!, root.WorkspacePatterns))
        {
            var manifest = PackageManifest.TryRead(Path.Combine(projectFolder!, path), path + "/package.json");
            if (manifest is not null)
            {
                workspaces.Add((path, manifest));
            }
        }

        return new YarnProject(root, workspaces);
    }

    public PackageManifest? ManifestAt(string path) =>
        path is "." or "" ? Root : Workspaces.FirstOrDefault(w => w.Path == path).Manifest;

    /// <summary>How a workspace declares a dependency, from its manifest: dev, optional or prod (peer declarations are not installed by yarn).</summary>
    public static EdgeType TypeIn(PackageManifest? manifest, string name) =>
        manifest?.Dependencies.FirstOrDefault(d => d.Name == name).Type is { } type && type != EdgeType.Peer ? type : EdgeType.Prod;
}
