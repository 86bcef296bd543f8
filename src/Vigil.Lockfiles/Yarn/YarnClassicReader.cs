using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// Reads yarn 1's <c>yarn.lock</c>. The lockfile holds the resolved packages keyed by the descriptors that asked
/// for them (<c>wrappy@1, wrappy@1.0.2</c>); what the project itself depends on, and its workspaces, come from the
/// <c>package.json</c> files beside it. Without them, every package that no other package depends on is taken as a
/// direct production dependency, and a warning says so.
/// </summary>
internal static class YarnClassicReader
{
    public static DependencyGraph Read(SourceText source, string? projectFolder)
    {
        var context = new ReadContext(source);
        var entries = YarnClassicParser.Parse(source);
        var project = YarnProject.TryRead(projectFolder);
        var graph = new DependencyGraph(project?.Root.Name ?? string.Empty, project?.Root.Version ?? string.Empty);
        var byDescriptor = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var nodes = new List<(GraphNode Node, MapNode Entry, string Key)>();
        foreach (var entry in entries.Entries)
        {
            var what = $"entry '{PackageVersions.Shorten(entry.Key)}'";
            var body = context.Map(entry.Value, what);
            var descriptors = entry.Key.Split(", ");
            var (name, range) = DependencySpec.SplitNameAndVersion(descriptors[0]);
            var version = context.RequiredText(body, "version", what);
            var kind = DependencySpec.Classify(range);
            if (DependencySpec.TryParseAlias(range, out var realName, out _))
            {
                name = realName;
            }

            GraphNode node;
            if (kind == PackageSourceKind.Registry)
            {
                PackageVersions.Check(context, body["version"]!, name, version);
                node = graph.AddPackage(name, version, PackageSource.Registry, context.OptionalText(body, "resolved", what), context.OptionalText(body, "integrity", what));
            }
            else
            {
                var resolved = context.OptionalText(body, "resolved", what);
                node = graph.AddPackage(name, version, new PackageSource(kind, range), resolved, context.OptionalText(body, "integrity", what));
            }

            foreach (var descriptor in descriptors)
            {
                byDescriptor[descriptor] = node;
            }

            nodes.Add((node, body, entry.Key));
        }

        var workspaces = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var (path, manifest) in project?.Workspaces ?? [])
        {
            workspaces[manifest.Name] = graph.AddWorkspace(path, manifest.Name, manifest.Version);
        }

        var required = new HashSet<GraphNode>();
        foreach (var (node, body, key) in nodes)
        {
            var what = $"entry '{PackageVersions.Shorten(key)}'";
            var optional = context.StringMap(body, "optionalDependencies", what).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (name, range, _) in context.StringMap(body, "dependencies", what).Concat(context.StringMap(body, "optionalDependencies", what)))
            {
                var type = optional.Contains(name) ? EdgeType.Optional : EdgeType.Prod;
                if (Resolve(name, range) is { } target)
                {
                    DependencyGraph.AddEdge(node, target, name, type);
                    required.Add(target);
                }
                else if (type == EdgeType.Prod)
                {
                    graph.Warn($"{what} depends on '{name}@{range}', which the lockfile does not hold");
                }
            }
        }

        if (project is null)
        {
            graph.Warn("no package.json beside yarn.lock: every package that no other package depends on is taken as a direct production dependency");
            foreach (var (node, _, _) in nodes.Where(n => !required.Contains(n.Node)))
            {
                DependencyGraph.AddEdge(graph.Root, node, node.Name, EdgeType.Prod);
            }

            return graph;
        }

        AddManifestEdges(graph.Root, project.Root);
        foreach (var (path, manifest) in project.Workspaces)
        {
            var workspace = workspaces[manifest.Name];
            AddManifestEdges(workspace, manifest);
            if (!graph.Root.HasEdgeTo(workspace))
            {
                DependencyGraph.AddEdge(graph.Root, workspace, manifest.Name.Length > 0 ? manifest.Name : path, EdgeType.Prod);
            }
        }

        return graph;

        GraphNode? Resolve(string name, string range) =>
            byDescriptor.TryGetValue(name + "@" + range, out var node) ? node
            : workspaces.TryGetValue(name, out var workspace) ? workspace
            : null;

        void AddManifestEdges(GraphNode from, Manifests.PackageManifest manifest)
        {
            foreach (var (name, spec, type) in manifest.Dependencies)
            {
                if (type == EdgeType.Peer)
                {
                    continue;
                }

                if (Resolve(name, spec) is { } target)
                {
                    DependencyGraph.AddEdge(from, target, name, type);
                }
                else if (type != EdgeType.Optional)
                {
                    graph.Warn($"{(from.IsRoot ? "package.json" : from.WorkspacePath + "/package.json")} depends on '{name}@{spec}', which yarn.lock does not hold");
                }
            }
        }
    }
}
