using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Bun;

/// <summary>
/// Reads Bun's text <c>bun.lock</c> (lockfile versions 0 to 2): JSON with trailing commas. <c>workspaces</c> holds
/// the root (<c>""</c>) and each workspace with its declared dependencies; <c>packages</c> is keyed by install
/// path (<c>debug/ms</c> is the <c>ms</c> nested under <c>debug</c>) and each value is an array:
/// <c>["name@version", registry, {dependencies…}, integrity]</c>, shorter for workspaces, folders and links.
/// Dependencies are found as Node.js finds them, from the nested path outwards. The binary <c>bun.lockb</c> is not read.
/// </summary>
public sealed class BunLockfileReader : LockfileFileReader
{
    private static readonly (string Key, EdgeType Type)[] Groups =
        [("dependencies", EdgeType.Prod), ("devDependencies", EdgeType.Dev), ("optionalDependencies", EdgeType.Optional), ("peerDependencies", EdgeType.Peer)];

    /// <inheritdoc/>
    public override string Name => "bun";

    /// <inheritdoc/>
    public override IReadOnlyList<string> FileNames { get; } = ["bun.lock"];

    private protected override (DependencyGraph Graph, LockfileFormat Format, string Version) Parse(SourceText source, string? projectFolder, Action<IReadOnlySet<string>>? namesKnown)
    {
        var context = new ReadContext(source);
        var root = context.Map(JsonTreeReader.Read(source, jsonc: true), "a bun.lock");
        var versionNode = root["lockfileVersion"] ?? throw context.Invalid(root, "bun.lock has no 'lockfileVersion'");
        var version = context.Text(versionNode, "'lockfileVersion'");
        if (version is not ("0" or "1" or "2"))
        {
            throw context.Error(versionNode.Point, LockfileErrorKind.UnsupportedVersion, $"lockfileVersion {PackageVersions.Shorten(version)} is not one this reader knows (0, 1, 2)");
        }

        var workspaces = context.OptionalMap(root, "workspaces", "bun.lock") ?? new MapNode(root.Point);
        var rootWorkspace = workspaces[""] is { } r ? context.Map(r, "workspace ''") : new MapNode(root.Point);
        var graph = new DependencyGraph(context.OptionalText(rootWorkspace, "name", "workspace ''") ?? string.Empty, context.OptionalText(rootWorkspace, "version", "workspace ''") ?? string.Empty);
        var importers = new List<(GraphNode Node, MapNode Entry, string Scope)> { (graph.Root, rootWorkspace, string.Empty) };
        var workspaceByPath = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var entry in workspaces.Entries)
        {
            if (entry.Key.Length == 0)
            {
                continue;
            }

            var what = $"workspace '{entry.Key}'";
            var map = context.Map(entry.Value, what);
            var name = context.OptionalText(map, "name", what) ?? string.Empty;
            var node = graph.AddWorkspace(entry.Key, name, context.OptionalText(map, "version", what) ?? string.Empty);
            workspaceByPath[entry.Key] = node;
            importers.Add((node, map, name));
        }

        var packages = context.OptionalMap(root, "packages", "bun.lock") ?? new MapNode(root.Point);
        var nodes = new Dictionary<string, (GraphNode Node, MapNode? Info)>(StringComparer.Ordinal);
        foreach (var entry in packages.Entries)
        {
            nodes[entry.Key] = BunPackage.Create(context, graph, entry, workspaceByPath);
        }

        foreach (var (node, entry, scope) in importers)
        {
            var what = node.IsRoot ? "workspace ''" : $"workspace '{node.WorkspacePath}'";
            foreach (var (group, type) in Groups)
            {
                foreach (var (name, spec, _) in context.StringMap(entry, group, what))
                {
                    AddEdge(node, scope, name, spec, type, what);
                }
            }

            if (!node.IsRoot && !graph.Root.HasEdgeTo(node))
            {
                DependencyGraph.AddEdge(graph.Root, node, node.Name.Length > 0 ? node.Name : node.WorkspacePath!, EdgeType.Prod);
            }
        }

        foreach (var (key, (node, info)) in nodes)
        {
            if (info is null || node.IsWorkspace)
            {
                continue;
            }

            var what = $"package '{key}'";
            var optionalPeers = context.StringList(info, "optionalPeers", what).ToHashSet(StringComparer.Ordinal);
            foreach (var (group, type) in Groups.Where(g => g.Key != "devDependencies"))
            {
                foreach (var (name, spec, _) in context.StringMap(info, group, what))
                {
                    AddEdge(node, key, name, spec, type, what, optional: optionalPeers.Contains(name));
                }
            }
        }

        return (graph, LockfileFormat.Bun, version);

        void AddEdge(GraphNode from, string scope, string name, string spec, EdgeType type, string what, bool optional = false)
        {
            var target = Resolve(scope, name);
            if (target is null)
            {
                if (type is EdgeType.Prod or EdgeType.Dev && !optional)
                {
                    graph.Warn($"{what} depends on '{name}' ({PackageVersions.Shorten(spec)}), which the lockfile does not hold");
                }

                return;
            }

            DependencyGraph.AddEdge(from, target, name, type);
        }

        GraphNode? Resolve(string scope, string name)
        {
            var prefix = scope;
            while (true)
            {
                if (nodes.TryGetValue(prefix.Length == 0 ? name : prefix + "/" + name, out var found))
                {
                    return found.Node;
                }

                if (prefix.Length == 0)
                {
                    return null;
                }

                prefix = BunPackage.Parent(prefix);
            }
        }
    }
}
