using Vigil.Domain.Semver;
using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Manifests;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// <see cref="NpmPackagesReader"/> without a tree: the graph of a version 2 or 3 lockfile built from what
/// <see cref="NpmPackagesScan"/> kept of its <c>packages</c> entries, in the same order, with the same warnings. It
/// gives up (null) on everything <see cref="NpmPackagesReader"/> would report as an error, and on the rare forms it
/// does not handle (versions or flags written as strings, nulls, an object of workspaces): the general reader then
/// reads the file, and reports the errors.
/// </summary>
internal static class NpmPackagesFastReader
{
    private const string NodeModules = "node_modules/";

    /// <summary>
    /// The graph, or null; <paramref name="namesKnown"/> is told the names <see cref="NpmNamesAhead"/> finds in the
    /// bytes before the scan starts, so that whoever waits for them works while the file is read.
    /// </summary>
    public static (DependencyGraph Graph, string Version)? TryRead(SourceText source, Action<IReadOnlySet<string>>? namesKnown = null)
    {
        if (namesKnown is not null && NpmNamesAhead.Find(source.Utf8.Span) is { } names)
        {
            namesKnown(names);
        }

        using var scan = NpmPackagesScan.Scan(source);
        if (scan is null)
        {
            return null;
        }

        return Build(scan) is { } graph ? (graph, scan.Version) : null;
    }

    private static DependencyGraph? Build(NpmPackagesScan scan)
    {
        var entries = scan.Entries;
        var rootAt = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Location.Length == 0)
            {
                rootAt = i;
                break;
            }
        }

        var rootEntry = rootAt >= 0 ? entries[rootAt] : new ScannedEntry(string.Empty);
        var graph = new DependencyGraph(rootEntry.Name ?? scan.LockfileName ?? string.Empty, rootEntry.Version ?? string.Empty);
        var workspacePatterns = scan.WorkspacePatterns;

        // As NpmPackagesReader: the nodes in the order they are made, with the entry each was made from (-1: none),
        // the links, and each entry's node or link by the number InstallFolders knows the entry by.
        var nodes = new List<(string Location, GraphNode Node, int Entry)>(entries.Count) { (string.Empty, graph.Root, rootAt) };
        var links = new List<(string Location, string Target)>();
        var installed = new List<int>(entries.Count);
        var folders = new InstallFolders(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Location.Length == 0)
            {
                continue;
            }

            if (entry.Location.Count('/') > 2 * LockfileLimits.MaxDepth)
            {
                return null;
            }

            folders.Add(entry.Location, installed.Count);
            if (entry.Link)
            {
                if (entry.Resolved is null)
                {
                    return null;
                }

                installed.Add(~links.Count);
                links.Add((entry.Location, entry.Resolved));
                continue;
            }

            installed.Add(nodes.Count);
            nodes.Add((entry.Location, CreateNode(graph, entry, workspacePatterns), i));
        }

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
                var (location, target) = links[i];
                if (!byLocation.TryGetValue(target, out targets[i]))
                {
                    var node = graph.AddPackage(NpmPackagesReader.NameOf(location), string.Empty, new PackageSource(PackageSourceKind.Link, target));
                    byLocation[target] = targets[i] = nodes.Count;
                    nodes.Add((target, node, -1));
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
            if (entry >= 0)
            {
                AddEdges(location, node, entries[entry], node.IsRoot || node.IsWorkspace);
            }
        }

        foreach (var (_, node, _) in nodes)
        {
            if (node.IsWorkspace && !graph.Root.HasEdgeTo(node))
            {
                DependencyGraph.AddEdge(graph.Root, node, node.Name, EdgeType.Prod);
            }
        }

        var checkedVersions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, node, _) in nodes)
        {
            if (!node.IsRoot && !node.IsWorkspace && node.Source.Kind == PackageSourceKind.Registry && checkedVersions.Add(node.Version)
                && !NpmVersion.TryParse(node.Version, SemverOptions.Loose, out _, out _))
            {
                return null;
            }
        }

        return graph;

        void AddEdges(string location, GraphNode from, in ScannedEntry entry, bool top)
        {
            NpmDependencies.Declared(scan.Declared, entry, top, declared);
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
                        var what = location.Length == 0 ? "the root entry" : $"package '{location}'";
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

    private static GraphNode CreateNode(DependencyGraph graph, in ScannedEntry entry, IReadOnlyList<string> workspacePatterns)
    {
        var location = entry.Location;
        var name = entry.Name ?? entry.InstalledName ?? NpmPackagesReader.NameOf(location);
        var version = entry.Version ?? string.Empty;
        if (!location.Contains(NodeModules, StringComparison.Ordinal) && !location.StartsWith("node_modules", StringComparison.Ordinal)
            && WorkspaceGlobs.Matches(workspacePatterns, location))
        {
            return graph.AddWorkspace(location, name, version);
        }

        var node = graph.AddPackage(name, version, NpmSources.FromResolved(entry.Resolved), entry.Resolved, entry.Integrity);
        node.RecordedType = NpmDependencies.RecordedType(entry.Dev, entry.Optional, entry.DevOptional, entry.Peer);
        return node;
    }
}

/// <summary>What <see cref="NpmPackagesScan"/> keeps of one <c>packages</c> entry.</summary>
internal struct ScannedEntry(string location)
{
    private (int Start, int Count) _dependencies;
    private (int Start, int Count) _optional;
    private (int Start, int Count) _peer;
    private (int Start, int Count) _dev;

    /// <summary>The entry's key: the folder it is installed in, "" for the root.</summary>
    public string Location { get; } = location;

    public string? Name { get; private set; }

    /// <summary>The name the location installs the package under (<see cref="NpmPackagesReader.NameOf"/>), when the scan took it from the key's bytes.</summary>
    public string? InstalledName { get; init; }

    public string? Version { get; private set; }

    public string? Resolved { get; private set; }

    public string? Integrity { get; private set; }

    public bool Link { get; private set; }

    public bool Dev { get; private set; }

    public bool Optional { get; private set; }

    public bool DevOptional { get; private set; }

    public bool Peer { get; private set; }

    public void SetText(string key, string value)
    {
        switch (key)
        {
            case "name": Name = value; break;
            case "version": Version = value; break;
            case "resolved": Resolved = value; break;
            default: Integrity = value; break;
        }
    }

    public void SetFlag(string key, bool value)
    {
        switch (key)
        {
            case "link": Link = value; break;
            case "dev": Dev = value; break;
            case "optional": Optional = value; break;
            case "devOptional": DevOptional = value; break;
            default: Peer = value; break;
        }
    }

    /// <summary>Where the declarations of a group (0: dependencies, 1: optional, 2: peer, 3: dev) start.</summary>
    public readonly int GroupStart(int group) => Group(group).Start;

    /// <summary>The declarations of a group, as a range of the scan's list (none when the entry has no such field).</summary>
    public readonly (int Start, int Count) Group(int group) => group switch
    {
        0 => _dependencies,
        1 => _optional,
        2 => _peer,
        _ => _dev,
    };

    public void SetGroup(int group, int start, int count)
    {
        switch (group)
        {
            case 0: _dependencies = (start, count); break;
            case 1: _optional = (start, count); break;
            case 2: _peer = (start, count); break;
            default: _dev = (start, count); break;
        }
    }
}
