using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// Reads the <c>packages</c> object of lockfile versions 2 and 3: one entry per installed folder
/// (<c>node_modules/a/node_modules/b</c>), links (<c>"link": true</c>) to workspaces and local folders.
/// Dependencies are found as Node.js finds them: in the nearest <c>node_modules</c> folder up the tree
/// (<see cref="InstallFolders"/>).
/// </summary>
internal static class NpmPackagesReader
{
    private const string NodeModules = "node_modules/";

    /// <summary>
    /// The fields of a <c>packages</c> entry this reader (with <see cref="NpmDependencies"/>) uses: the others
    /// (license, engines, funding, bin, os, cpu…) are left out of the tree. A field read here must be listed.
    /// </summary>
    public static KeptFields Fields { get; } = new("packages", new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "version", "resolved", "integrity", "link", "workspaces",
        "dev", "optional", "devOptional", "peer",
        "dependencies", "optionalDependencies", "peerDependencies", "devDependencies",
    });

    public static DependencyGraph Read(ReadContext context, MapNode lockfile)
    {
        var packages = context.Map(lockfile["packages"]!, "'packages'");
        var rootEntry = packages[""] is { } r ? context.Map(r, "the root entry of 'packages'") : new MapNode(packages.Point);
        var graph = new DependencyGraph(
            context.OptionalText(rootEntry, "name", "the root entry") ?? context.OptionalText(lockfile, "name", "the lockfile") ?? string.Empty,
            context.OptionalText(rootEntry, "version", "the root entry") ?? string.Empty);
        var workspacePatterns = WorkspacePatterns(context, rootEntry);

        // The nodes in the order they are made (the root, the entries, then links' targets outside the lockfile),
        // the links, and each entry's node or link, by the number InstallFolders knows the entry by.
        var nodes = new List<(string Location, GraphNode Node, MapNode Entry)>(packages.Count) { (string.Empty, graph.Root, rootEntry) };
        var links = new List<(string Location, string Target, MapNode Entry)>();
        var installed = new List<int>(packages.Count);
        var folders = new InstallFolders(packages.Count);
        foreach (var entry in packages.Entries)
        {
            if (entry.Key.Length == 0)
            {
                continue;
            }

            if (entry.Key.Count('/') > 2 * LockfileLimits.MaxDepth)
            {
                throw context.Error(entry.KeyPoint, LockfileErrorKind.TooDeep, $"'{PackageVersions.Shorten(entry.Key)}' nests deeper than {LockfileLimits.MaxDepth} folders");
            }

            folders.Add(entry.Key, installed.Count);

            var what = new What("package", entry.Key);
            var map = context.Map(entry.Value, what);
            if (context.Flag(map, "link", what))
            {
                installed.Add(~links.Count);
                links.Add((entry.Key, context.RequiredText(map, "resolved", what), map));
                continue;
            }

            installed.Add(nodes.Count);
            nodes.Add((entry.Key, CreateNode(context, graph, entry.Key, map, what, workspacePatterns), map));
        }

        // A link resolves to the node of its target, made here when the lockfile does not describe the target.
        var targets = new int[links.Count];
        if (links.Count > 0)
        {
            var byLocation = new Dictionary<string, int>(nodes.Count, StringComparer.Ordinal);
            for (var i = 0; i < nodes.Count; i++)
            {
                byLocation[nodes[i].Location] = i;
            }

            for (var i = 0; i < links.Count; i++)
            {
                var (location, target, entry) = links[i];
                if (!byLocation.TryGetValue(target, out targets[i]))
                {
                    // A link to a folder the lockfile does not describe (outside the project): known only by its name.
                    var node = graph.AddPackage(NameOf(location), string.Empty, new PackageSource(PackageSourceKind.Link, target));
                    byLocation[target] = targets[i] = nodes.Count;
                    nodes.Add((target, node, new MapNode(entry.Point)));
                }
                else if (nodes[targets[i]].Node.Source.Kind == PackageSourceKind.Registry)
                {
                    nodes[targets[i]].Node.Source = new PackageSource(PackageSourceKind.Link, target);
                }
            }
        }

        var resolved = new GraphNode[installed.Count];
        for (var i = 0; i < resolved.Length; i++)
        {
            resolved[i] = nodes[installed[i] >= 0 ? installed[i] : targets[~installed[i]]].Node;
        }

        var declared = new List<(string Name, string Spec, EdgeType Type)>();
        foreach (var (location, node, entry) in nodes)
        {
            var top = node.IsRoot || node.IsWorkspace;
            AddEdges(location, node, entry, location.Length == 0 ? "the root entry" : new What("package", location), top);
        }

        foreach (var (_, node, _) in nodes)
        {
            if (node.IsWorkspace && !graph.Root.HasEdgeTo(node))
            {
                DependencyGraph.AddEdge(graph.Root, node, node.Name, EdgeType.Prod);
            }
        }

        // Versions repeat: each distinct one is checked once.
        var checkedVersions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, node, entry) in nodes)
        {
            if (!node.IsRoot && !node.IsWorkspace && node.Source.Kind == PackageSourceKind.Registry && !checkedVersions.Contains(node.Version))
            {
                PackageVersions.Check(context, entry, node.Name, node.Version);
                checkedVersions.Add(node.Version);
            }
        }

        return graph;

        void AddEdges(string location, GraphNode from, MapNode entry, What what, bool top)
        {
            NpmDependencies.Declared(context, entry, what, top, declared);
            if (declared.Count == 0)
            {
                return;
            }

            var folder = folders.FolderOf(location);
            from.EnsureEdgeCapacity(declared.Count);
            foreach (var (name, spec, type) in declared)
            {
                var found = folders.Resolve(folder, name);
                if (found < 0)
                {
                    if (type is EdgeType.Prod)
                    {
                        graph.Warn($"{what} depends on '{name}' ({spec}), which the lockfile does not hold");
                    }

                    continue;
                }

                var target = resolved[found];
                DependencyGraph.AddEdge(from, target, name, type);
                var kind = DependencySpec.Classify(spec);
                if (kind is not (PackageSourceKind.Registry or PackageSourceKind.Workspace) && target.Source.Kind is PackageSourceKind.Registry or PackageSourceKind.Link)
                {
                    target.Source = new PackageSource(kind, target.Resolved ?? spec);
                }
            }
        }
    }

    private static GraphNode CreateNode(ReadContext context, DependencyGraph graph, string location, MapNode entry, What what, IReadOnlyList<string> workspacePatterns)
    {
        var name = context.OptionalText(entry, "name", what) ?? NameOf(location);
        var version = context.OptionalText(entry, "version", what) ?? string.Empty;
        if (!location.Contains(NodeModules, StringComparison.Ordinal) && !location.StartsWith("node_modules", StringComparison.Ordinal)
            && WorkspaceGlobs.Matches(workspacePatterns, location))
        {
            return graph.AddWorkspace(location, name, version);
        }

        var resolved = context.OptionalText(entry, "resolved", what);
        var node = graph.AddPackage(name, version, NpmSources.FromResolved(resolved), resolved, context.OptionalText(entry, "integrity", what));
        node.RecordedType = NpmDependencies.RecordedType(context, entry, what);
        return node;
    }

    private static List<string> WorkspacePatterns(ReadContext context, MapNode rootEntry)
    {
        if (rootEntry["workspaces"] is MapNode yarnStyle)
        {
            return [.. context.StringList(yarnStyle, "packages", "'workspaces' of the root entry")];
        }

        return [.. context.StringList(rootEntry, "workspaces", "the root entry")];
    }

    /// <summary>The package name a folder is installed under: what follows the last <c>node_modules/</c>, or the folder's name.</summary>
    public static string NameOf(string location)
    {
        var at = location.LastIndexOf(NodeModules, StringComparison.Ordinal);
        if (at >= 0)
        {
            return location[(at + NodeModules.Length)..];
        }

        var slash = location.LastIndexOf('/');
        return slash < 0 ? location : location[(slash + 1)..];
    }
}
