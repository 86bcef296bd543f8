using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// Reads the YAML <c>yarn.lock</c> of yarn 2 and later (<c>__metadata</c>). Each entry is one resolution
/// (<c>lodash@npm:4.17.21</c>) keyed by the descriptors that asked for it. Workspaces are entries with the
/// <c>workspace:</c> protocol; their dependencies are listed together, so dev dependencies are told apart with the
/// workspaces' <c>package.json</c> files (a warning says when they are missing). <c>patch:</c> resolutions are the
/// patched registry package, audited under its name and version.
/// </summary>
internal static class YarnBerryReader
{
    public static (DependencyGraph Graph, string Version) Read(SourceText source, string? projectFolder)
    {
        var context = new ReadContext(source);
        var root = context.Map(YamlTreeReader.Read(source), "a yarn.lock");
        var metadata = context.Map(root["__metadata"]!, "'__metadata'");
        var version = context.RequiredText(metadata, "version", "'__metadata'");
        var project = YarnProject.TryRead(projectFolder);
        var graph = new DependencyGraph(project?.Root.Name ?? string.Empty, project?.Root.Version ?? string.Empty);
        var byDescriptor = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        var nodes = new List<(GraphNode Node, MapNode Entry, string Key)>();
        // Patched packages last: a patch: resolution is audited as the package it patches (see PatchBase).
        foreach (var entry in PatchesLast(root))
        {
            var what = $"entry '{PackageVersions.Shorten(entry.Key)}'";
            var body = context.Map(entry.Value, what);
            var resolution = context.RequiredText(body, "resolution", what);
            var baseNode = entry.Key.Split(", ").Append(resolution).Select(PatchBase).OfType<string>()
                .Select(d => byDescriptor.GetValueOrDefault(d)).FirstOrDefault(n => n is not null);
            var node = baseNode ?? CreateNode(context, graph, body, resolution, what, entry.KeyPoint, project);
            foreach (var descriptor in entry.Key.Split(", "))
            {
                byDescriptor[descriptor] = node;
                var locator = descriptor.IndexOf("::", StringComparison.Ordinal);
                if (locator > 0)
                {
                    byDescriptor.TryAdd(descriptor[..locator], node);
                }
            }

            if (node != baseNode)
            {
                nodes.Add((node, body, entry.Key));
            }
        }

        if (!nodes.Any(n => n.Node.IsRoot))
        {
            throw context.Invalid(root, "yarn.lock has no entry for the root workspace ('name@workspace:.'), which yarn always writes: the file looks truncated");
        }

        if (project is null && nodes.Any(n => n.Node.IsWorkspace || n.Node.IsRoot))
        {
            graph.Warn("no package.json beside yarn.lock: yarn.lock does not say which dependencies are dev dependencies, so all are taken as production dependencies");
        }

        foreach (var (node, body, key) in nodes)
        {
            var what = $"entry '{PackageVersions.Shorten(key)}'";
            var meta = context.OptionalMap(body, "dependenciesMeta", what);
            var manifest = node.IsRoot || node.IsWorkspace ? project?.ManifestAt(node.IsRoot ? "." : node.WorkspacePath!) : null;
            foreach (var (name, range, _) in context.StringMap(body, "dependencies", what))
            {
                var optional = meta?[name] is MapNode m && context.Flag(m, "optional", what);
                var type = optional ? EdgeType.Optional : node.IsRoot || node.IsWorkspace ? YarnProject.TypeIn(manifest, name) : EdgeType.Prod;
                var descriptor = name + "@" + range;
                if (byDescriptor.TryGetValue(descriptor, out var target) || byDescriptor.TryGetValue(name + "@npm:" + range, out target))
                {
                    DependencyGraph.AddEdge(node, target, name, type);
                }
                else if (!optional)
                {
                    graph.Warn($"{what} depends on '{PackageVersions.Shorten(descriptor)}', which the lockfile does not hold");
                }
            }
        }

        foreach (var workspace in nodes.Select(n => n.Node).Where(n => n.IsWorkspace))
        {
            if (!graph.Root.HasEdgeTo(workspace))
            {
                DependencyGraph.AddEdge(graph.Root, workspace, workspace.Name, EdgeType.Prod);
            }
        }

        return (graph, version);
    }

    /// <summary>The entries but <c>__metadata</c>, patch: resolutions after the others, each in file order.</summary>
    private static List<MapEntry> PatchesLast(MapNode root)
    {
        var entries = new List<MapEntry>(root.Count);
        var patches = new List<MapEntry>();
        foreach (var entry in root.Entries)
        {
            if (entry.Key != "__metadata")
            {
                (IsPatch(entry.Value) ? patches : entries).Add(entry);
            }
        }

        entries.AddRange(patches);
        return entries;
    }

    private static bool IsPatch(DataNode entry) =>
        entry is MapNode map && map["resolution"] is ScalarNode resolution && PatchBase(resolution.Text) is not null;

    /// <summary>
    /// For a patch descriptor or resolution (<c>ms@patch:ms@npm%3A2.1.3#~/.yarn/patches/…</c>), the descriptor of the
    /// patched package (<c>ms@npm:2.1.3</c>): a patch changes the code of a published version, which advisories still name.
    /// </summary>
    private static string? PatchBase(string descriptor)
    {
        var (_, reference) = DependencySpec.SplitNameAndVersion(descriptor);
        if (!reference.StartsWith("patch:", StringComparison.Ordinal))
        {
            return null;
        }

        var inner = reference["patch:".Length..];
        var hash = inner.IndexOf('#', StringComparison.Ordinal);
        return Uri.UnescapeDataString(hash < 0 ? inner : inner[..hash]);
    }

    private static GraphNode CreateNode(ReadContext context, DependencyGraph graph, MapNode body, string resolution, string what, TextPoint point, YarnProject? project)
    {
        var (name, reference) = DependencySpec.SplitNameAndVersion(resolution);
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var protocol = colon < 0 ? string.Empty : reference[..(colon + 1)];
        var version = context.OptionalText(body, "version", what) ?? string.Empty;
        var checksum = context.OptionalText(body, "checksum", what);
        switch (protocol)
        {
            case "workspace:":
                var path = reference[colon..].TrimStart(':');
                return path is "." or "" ? graph.Root : graph.AddWorkspace(path, name, project?.ManifestAt(path)?.Version ?? string.Empty);
            case "npm:" or "patch:":
                PackageVersions.Check(context, body["version"] ?? new ScalarNode(point, string.Empty, ScalarType.String), name, version);
                return graph.AddPackage(name, version, PackageSource.Registry, resolution, checksum);
            case "file:" or "exec:":
                return graph.AddPackage(name, version, new PackageSource(PackageSourceKind.File, reference), resolution, checksum);
            case "link:" or "portal:":
                return graph.AddPackage(name, string.Empty, new PackageSource(PackageSourceKind.Link, reference), resolution, checksum);
            default:
                var kind = DependencySpec.Classify(reference);
                kind = kind is PackageSourceKind.Registry or PackageSourceKind.Workspace ? PackageSourceKind.Tarball : kind;
                if (kind == PackageSourceKind.Tarball && (reference.Contains(".git#", StringComparison.Ordinal) || reference.Contains("#commit=", StringComparison.Ordinal)))
                {
                    kind = PackageSourceKind.Git;
                }

                return graph.AddPackage(name, version, new PackageSource(kind, reference), resolution, checksum);
        }
    }
}
