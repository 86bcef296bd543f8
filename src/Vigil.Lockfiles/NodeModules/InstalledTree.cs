using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.NodeModules;

/// <summary>Builds the dependency graph of an installed tree by resolving each declared dependency as Node.js would.</summary>
internal sealed class InstalledTree(string projectFolder)
{
    private readonly string _root = RealPath.Of(projectFolder) ?? Path.GetFullPath(projectFolder);
    private readonly Dictionary<string, (GraphNode Node, PackageManifest Manifest)> _byFolder = new(StringComparer.Ordinal);
    private readonly Queue<(GraphNode Node, PackageManifest Manifest, string Folder)> _pending = new();
    private DependencyGraph _graph = null!;

    public DependencyGraph Build()
    {
        var manifest = PackageManifest.TryRead(_root, "package.json");
        _graph = new DependencyGraph(manifest?.Name ?? string.Empty, manifest?.Version ?? string.Empty);
        if (manifest is null)
        {
            _graph.Warn("no package.json in the project folder: every installed top-level package is taken as a direct production dependency");
        }
        else
        {
            _byFolder[_root] = (_graph.Root, manifest);
            _pending.Enqueue((_graph.Root, manifest, _root));
            foreach (var path in WorkspaceGlobs.Expand(_root, manifest.WorkspacePatterns))
            {
                var folder = Path.Combine(_root, path.Replace('/', Path.DirectorySeparatorChar));
                var workspaceManifest = Read(folder);
                var workspace = _graph.AddWorkspace(path, workspaceManifest.Name, workspaceManifest.Version);
                _byFolder[folder] = (workspace, workspaceManifest);
                _pending.Enqueue((workspace, workspaceManifest, folder));
                DependencyGraph.AddEdge(_graph.Root, workspace, workspaceManifest.Name.Length > 0 ? workspaceManifest.Name : path, EdgeType.Prod);
            }
        }

        Drain();
        foreach (var folder in InstalledFolders.Under(Path.Combine(_root, "node_modules")))
        {
            var (node, _) = Visit(folder, string.Empty);
            if (manifest is null && node is not null)
            {
                DependencyGraph.AddEdge(_graph.Root, node, node.Name, EdgeType.Prod);
            }
        }

        Drain();
        return _graph;
    }

    private void Drain()
    {
        while (_pending.TryDequeue(out var item))
        {
            var top = item.Node.IsRoot || item.Node.IsWorkspace;
            foreach (var (name, spec, type) in item.Manifest.Dependencies)
            {
                if (type == EdgeType.Dev && !top)
                {
                    continue;
                }

                var found = Find(item.Folder, name);
                if (found is null)
                {
                    if (type is EdgeType.Prod or EdgeType.Dev)
                    {
                        _graph.Warn($"{Describe(item.Node)} depends on '{name}' ({PackageVersions.Shorten(spec)}), which is not installed");
                    }

                    continue;
                }

                var (target, _) = Visit(found, spec);
                if (target is not null && target != item.Node)
                {
                    DependencyGraph.AddEdge(item.Node, target, name, type);
                }
            }
        }
    }

    /// <summary>The node of an installed folder, created (and queued) the first time it is seen.</summary>
    private (GraphNode? Node, PackageManifest? Manifest) Visit(string folder, string spec)
    {
        var real = RealPath.Of(folder);
        if (real is null || !File.Exists(Path.Combine(real, "package.json")))
        {
            return (null, null);
        }

        if (_byFolder.TryGetValue(real, out var known))
        {
            return known;
        }

        if (_byFolder.Count >= LockfileLimits.MaxInstalledPackages)
        {
            throw new LockfileParseException(new LockfileError(projectFolder, 0, 0, LockfileErrorKind.TooLarge, $"more than {LockfileLimits.MaxInstalledPackages:N0} installed packages"));
        }

        var manifest = Read(real);
        var kind = DependencySpec.Classify(spec);
        var linked = !Relative(real).Split('/').Contains("node_modules");
        var source = kind is not (PackageSourceKind.Registry or PackageSourceKind.Workspace) ? new PackageSource(kind, spec)
            : linked ? new PackageSource(PackageSourceKind.Link, Relative(real))
            : PackageSource.Registry;
        var node = _graph.AddPackage(manifest.Name, manifest.Version, source);
        _byFolder[real] = (node, manifest);
        _pending.Enqueue((node, manifest, real));
        return (node, manifest);
    }

    /// <summary>Node.js's lookup: <c>folder/node_modules/name</c>, then each parent folder's, up to the project folder.</summary>
    private string? Find(string folder, string name)
    {
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            var candidate = Path.Combine(current, "node_modules", name);
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }

            if (current == _root)
            {
                break;
            }
        }

        return Directory.Exists(Path.Combine(_root, "node_modules", name)) ? Path.Combine(_root, "node_modules", name) : null;
    }

    private PackageManifest Read(string folder) =>
        PackageManifest.TryRead(folder, Relative(Path.Combine(folder, "package.json")))
        ?? throw new LockfileParseException(new LockfileError(Relative(folder), 0, 0, LockfileErrorKind.NotFound, "no package.json"));

    private string Relative(string path) => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string Describe(GraphNode node) => node.IsRoot ? "package.json" : node.IsWorkspace ? node.WorkspacePath + "/package.json" : $"'{node}'";
}
