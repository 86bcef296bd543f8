using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Pnpm;

/// <summary>Builds the dependency graph of one <c>pnpm-lock.yaml</c>: importers (the root and workspaces), then packages.</summary>
internal sealed class PnpmGraphBuilder(ReadContext context, MapNode lockfile, int major, string? projectFolder)
{
    private static readonly (string Key, EdgeType Type)[] ImporterGroups =
        [("dependencies", EdgeType.Prod), ("devDependencies", EdgeType.Dev), ("optionalDependencies", EdgeType.Optional)];

    private readonly Dictionary<string, GraphNode> _importers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GraphNode> _links = new(StringComparer.Ordinal);
    private DependencyGraph _graph = null!;
    private MapNode _packages = null!;
    private MapNode _snapshots = null!;

    public DependencyGraph Build()
    {
        _packages = context.OptionalMap(lockfile, "packages", "pnpm-lock.yaml") ?? new MapNode(lockfile.Point);
        _snapshots = major >= 9 ? context.OptionalMap(lockfile, "snapshots", "pnpm-lock.yaml") ?? new MapNode(lockfile.Point) : _packages;
        var importers = context.OptionalMap(lockfile, "importers", "pnpm-lock.yaml");
        if (major >= 9 && importers?["."] is null)
        {
            throw context.Invalid(importers ?? (DataNode)lockfile, "pnpm-lock.yaml has no importer '.' (pnpm 9 always writes one): the file looks truncated");
        }

        var entries = new List<(string Path, MapNode Importer)>();
        foreach (var entry in importers is null ? [] : importers.Entries)
        {
            entries.Add((entry.Key, context.Map(entry.Value, $"importer '{entry.Key}'")));
        }

        if (importers is null)
        {
            entries.Add((".", lockfile));
        }

        var rootManifest = Manifest(".");
        _graph = new DependencyGraph(rootManifest?.Name ?? string.Empty, rootManifest?.Version ?? string.Empty);
        foreach (var (path, _) in entries)
        {
            var manifest = path == "." ? null : Manifest(path);
            _importers[path] = path == "." ? _graph.Root : _graph.AddWorkspace(path, manifest?.Name ?? string.Empty, manifest?.Version ?? string.Empty);
        }

        foreach (var entry in _snapshots.Entries)
        {
            _nodes[entry.Key] = CreateNode(entry.Key, entry.KeyPoint, context.Map(entry.Value, $"package '{entry.Key}'"));
        }

        foreach (var (path, map) in entries)
        {
            AddImporterEdges(path, map);
            CheckAgainstManifest(path, map);
        }

        foreach (var entry in _snapshots.Entries)
        {
            AddPackageEdges(entry.Key, (MapNode)entry.Value);
        }

        foreach (var (path, node) in _importers)
        {
            if (path != "." && !_graph.Root.HasEdgeTo(node))
            {
                DependencyGraph.AddEdge(_graph.Root, node, node.Name.Length > 0 ? node.Name : path, EdgeType.Prod);
            }
        }

        return _graph;
    }

    /// <summary>Warns about dependencies the importer's package.json declares but the lockfile does not list (an out-of-date or cut lockfile).</summary>
    private void CheckAgainstManifest(string path, MapNode importer)
    {
        var manifest = Manifest(path);
        foreach (var (name, spec, _) in manifest?.Dependencies.Where(d => d.Type != EdgeType.Peer) ?? [])
        {
            if (!ImporterGroups.Any(g => importer[g.Key] is MapNode group && group[name] is not null))
            {
                _graph.Warn($"{(path == "." ? "package.json" : path + "/package.json")} depends on '{name}' ({PackageVersions.Shorten(spec)}), which pnpm-lock.yaml does not list for it: the lockfile is out of date or cut short");
            }
        }
    }

    private PackageManifest? Manifest(string path) =>
        projectFolder is null ? null : PackageManifest.TryRead(Path.Combine(projectFolder, path), path == "." ? "package.json" : path + "/package.json");

    private GraphNode CreateNode(string key, TextPoint keyPoint, MapNode snapshot)
    {
        var what = $"package '{key}'";
        var meta = snapshot;
        if (major >= 9)
        {
            var paren = key.IndexOf('(', StringComparison.Ordinal);
            var metaKey = paren < 0 ? key : key[..paren];
            meta = _packages[metaKey] is { } m ? context.Map(m, $"package '{metaKey}'") : throw context.Invalid(keyPoint, $"snapshot '{key}' has no entry '{metaKey}' in 'packages'");
        }

        var parsed = PnpmKeys.TryParse(key, major, out var keyName, out var keyVersion);
        var name = context.OptionalText(meta, "name", what) ?? (parsed ? keyName : throw context.Invalid(keyPoint, $"'{key}' is not a package key (name@version)"));
        var version = context.OptionalText(meta, "version", what) ?? keyVersion;
        var resolution = context.OptionalMap(meta, "resolution", what) ?? new MapNode(meta.Point);
        var source = PnpmResolution.Source(context, resolution, version, what);
        var node = _graph.AddPackage(name, source.Kind == PackageSourceKind.Registry ? version : context.OptionalText(meta, "version", what) ?? string.Empty, source,
            context.OptionalText(resolution, "tarball", what), context.OptionalText(resolution, "integrity", what));
        if (source.Kind == PackageSourceKind.Registry)
        {
            PackageVersions.Check(context, new ScalarNode(keyPoint, key, ScalarType.String), name, version);
        }

        return node;
    }

    private void AddImporterEdges(string path, MapNode importer)
    {
        var from = _importers[path];
        var what = $"importer '{path}'";
        var specifiers = context.OptionalMap(importer, "specifiers", what);
        foreach (var (group, type) in ImporterGroups)
        {
            var dependencies = context.OptionalMap(importer, group, what);
            foreach (var entry in dependencies is null ? [] : dependencies.Entries)
            {
                string reference, specifier;
                if (entry.Value is MapNode map)
                {
                    reference = context.RequiredText(map, "version", $"'{group}.{entry.Key}' of {what}");
                    specifier = context.OptionalText(map, "specifier", what) ?? string.Empty;
                }
                else
                {
                    reference = context.Text(entry.Value, $"'{group}.{entry.Key}' of {what}");
                    specifier = specifiers?[entry.Key] is ScalarNode s ? s.Text : string.Empty;
                }

                var target = Resolve(path, entry.Key, reference, what);
                if (target is null)
                {
                    continue;
                }

                DependencyGraph.AddEdge(from, target, entry.Key, type);
                var kind = DependencySpec.Classify(specifier);
                if (kind is PackageSourceKind.Tarball or PackageSourceKind.Git && target.Source.Kind == PackageSourceKind.Registry)
                {
                    target.Source = new PackageSource(kind, specifier);
                }
            }
        }
    }

    private void AddPackageEdges(string key, MapNode snapshot)
    {
        var from = _nodes[key];
        var what = $"package '{key}'";
        var meta = major >= 9 ? (MapNode)_packages[key.Split('(')[0]]! : snapshot;
        var peers = context.OptionalMap(meta, "peerDependencies", what);
        foreach (var (group, type) in new[] { ("dependencies", EdgeType.Prod), ("optionalDependencies", EdgeType.Optional) })
        {
            foreach (var (name, reference, _) in context.StringMap(snapshot, group, what))
            {
                var target = Resolve(".", name, reference, what);
                if (target is not null)
                {
                    DependencyGraph.AddEdge(from, target, name, peers?[name] is not null && type == EdgeType.Prod ? EdgeType.Peer : type);
                }
            }
        }
    }

    private GraphNode? Resolve(string importer, string name, string reference, string what)
    {
        if (reference.StartsWith("link:", StringComparison.Ordinal))
        {
            var path = PnpmKeys.ResolveLink(importer, reference["link:".Length..]);
            if (_importers.TryGetValue(path, out var workspace))
            {
                return workspace;
            }

            if (!_links.TryGetValue(path, out var link))
            {
                _links[path] = link = _graph.AddPackage(name, string.Empty, new PackageSource(PackageSourceKind.Link, path));
            }

            return link;
        }

        foreach (var candidate in PnpmKeys.Candidates(name, reference, major))
        {
            if (_nodes.TryGetValue(candidate, out var node))
            {
                return node;
            }
        }

        _graph.Warn($"{what} depends on '{name}' ({PackageVersions.Shorten(reference)}), which the lockfile does not hold");
        return null;
    }
}
