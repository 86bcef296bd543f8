using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// Reads lockfile version 1 (npm 5 and 6): nested <c>dependencies</c> objects that mirror the <c>node_modules</c>
/// folders, each entry's <c>requires</c> naming what it needs. Version 1 does not record the root's own
/// dependencies, so they come from the <c>package.json</c> beside the lockfile; without it, every top-level package
/// that no other package requires is taken as a direct dependency (and a warning says so).
/// </summary>
internal static class NpmV1Reader
{
    public static DependencyGraph Read(ReadContext context, MapNode lockfile, string? projectFolder)
    {
        var graph = new DependencyGraph(
            context.OptionalText(lockfile, "name", "the lockfile") ?? string.Empty,
            context.OptionalText(lockfile, "version", "the lockfile") ?? string.Empty);
        var rootScope = new Scope(null);
        var all = new List<(GraphNode Node, MapNode Entry, Scope Scope)>();

        // Create every node, scope by scope, without recursion.
        var pending = new Stack<(MapNode? Dependencies, Scope Scope, string Where)>();
        pending.Push((context.OptionalMap(lockfile, "dependencies", "the lockfile"), rootScope, "dependencies"));
        while (pending.TryPop(out var level))
        {
            if (level.Dependencies is null)
            {
                continue;
            }

            foreach (var entry in level.Dependencies.Entries)
            {
                var where = $"{level.Where}.{entry.Key}";
                var map = context.Map(entry.Value, $"'{where}'");
                var node = CreateNode(context, graph, entry.Key, map, where);
                var scope = new Scope(level.Scope);
                level.Scope.Packages[entry.Key] = node;
                all.Add((node, map, scope));
                pending.Push((context.OptionalMap(map, "dependencies", $"'{where}'"), scope, where + ".dependencies"));
            }
        }

        var required = new HashSet<GraphNode>();
        foreach (var (node, entry, scope) in all)
        {
            foreach (var (name, spec, _) in context.StringMap(entry, "requires", $"'{node.Name}'"))
            {
                var target = scope.Resolve(name);
                if (target is null)
                {
                    graph.Warn($"'{node.Name}' requires '{name}' ({spec}), which the lockfile does not hold");
                    continue;
                }

                var optional = target.RecordedType is { } t && t.HasFlag(DependencyType.Optional) && !(node.RecordedType ?? 0).HasFlag(DependencyType.Optional);
                DependencyGraph.AddEdge(node, target, name, optional ? EdgeType.Optional : EdgeType.Prod);
                required.Add(target);
            }
        }

        AddRootEdges(graph, rootScope, required, projectFolder);
        return graph;
    }

    private static void AddRootEdges(DependencyGraph graph, Scope rootScope, HashSet<GraphNode> required, string? projectFolder)
    {
        var manifest = projectFolder is null ? null : PackageManifest.TryRead(projectFolder, "package.json");
        if (manifest is not null)
        {
            foreach (var (name, spec, type) in manifest.Dependencies)
            {
                if (rootScope.Packages.TryGetValue(name, out var target))
                {
                    DependencyGraph.AddEdge(graph.Root, target, name, type);
                }
                else if (type is EdgeType.Prod or EdgeType.Dev)
                {
                    graph.Warn($"package.json depends on '{name}' ({spec}), which the lockfile does not hold");
                }
            }

            return;
        }

        graph.Warn("lockfile version 1 does not list the project's own dependencies and no package.json was found beside it: "
            + "every top-level package that no other package requires is taken as a direct dependency");
        foreach (var (name, node) in rootScope.Packages)
        {
            if (!required.Contains(node))
            {
                var type = node.RecordedType ?? DependencyType.Prod;
                var edge = type.HasFlag(DependencyType.Dev) ? EdgeType.Dev : type.HasFlag(DependencyType.Optional) ? EdgeType.Optional : EdgeType.Prod;
                DependencyGraph.AddEdge(graph.Root, node, name, edge);
            }
        }
    }

    private static GraphNode CreateNode(ReadContext context, DependencyGraph graph, string key, MapNode entry, string where)
    {
        var what = $"'{where}'";
        var version = context.RequiredText(entry, "version", what);
        var resolved = context.OptionalText(entry, "resolved", what);
        var integrity = context.OptionalText(entry, "integrity", what);
        GraphNode node;
        if (DependencySpec.TryParseAlias(version, out var realName, out var realVersion))
        {
            PackageVersions.Check(context, entry["version"]!, realName, realVersion);
            node = graph.AddPackage(realName, realVersion, PackageSource.Registry, resolved, integrity);
        }
        else if (DependencySpec.Classify(version) is var kind and not PackageSourceKind.Registry)
        {
            node = graph.AddPackage(key, string.Empty, new PackageSource(kind, version), resolved, integrity);
        }
        else
        {
            PackageVersions.Check(context, entry["version"]!, key, version);
            node = graph.AddPackage(key, version, NpmSources.FromResolved(resolved), resolved, integrity);
        }

        node.RecordedType = NpmDependencies.RecordedType(context, entry, what);
        return node;
    }

    /// <summary>The packages of one <c>dependencies</c> level; names not found are looked up in the levels above.</summary>
    private sealed class Scope(Scope? parent)
    {
        public Dictionary<string, GraphNode> Packages { get; } = new(StringComparer.Ordinal);

        public GraphNode? Resolve(string name)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Packages.TryGetValue(name, out var node))
                {
                    return node;
                }
            }

            return null;
        }

        private Scope? Parent { get; } = parent;
    }
}
