using System.Runtime.InteropServices;

namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Turns a reader's <see cref="DependencyGraph"/> into a <see cref="Lockfile"/>: types, paths, workspace membership,
/// alias names; copies of one package merged; non-registry dependencies moved to the not-audited list.
/// </summary>
internal static class LockfileAssembler
{
    public static Lockfile Assemble(DependencyGraph graph, string path, LockfileFormat format, string formatVersion, bool useRecordedTypes = true)
    {
        foreach (var node in graph.Nodes)
        {
            node.SortEdges();
        }

        var computed = TypeCalculator.Compute(graph);
        // Not disposed: the packages find their paths in it when first asked (its lists go back to no pool then).
        var paths = PathFinder.Find(graph, LockfileLimits.MaxPathsPerPackage);
        var membership = WorkspaceMembership(graph);
        var aliases = AliasNames(graph);

        // Copies of one name@version from one source are one package, unless the lockfile gives them conflicting
        // resolved URLs or integrities (a copy that records neither, like a bundled one, joins the others).
        var byIdentity = new Dictionary<(string, string, PackageSource), PackageGroup>(graph.Nodes.Length);
        foreach (var node in graph.Nodes)
        {
            if (node.IsRoot || node.IsWorkspace)
            {
                continue;
            }

            ref var first = ref CollectionsMarshal.GetValueRefOrAddDefault(byIdentity, (node.Name, node.Version, node.Source), out _);
            var group = first ??= new PackageGroup();
            while (group.Nodes > 0 && !group.Accepts(node))
            {
                group = group.Next ??= new PackageGroup();
            }

            var type = useRecordedTypes && node.RecordedType is { } recorded ? recorded : computed[node.Id];
            group.Take(node, type, paths.Truncated(node.Id), membership[node.Id], aliases[node.Id]);
        }

        var packages = new List<ResolvedPackage>();
        var notAudited = new List<NotAuditedDependency>();
        foreach (var identity in byIdentity.Values)
        {
            for (var group = identity; group is not null; group = group.Next)
            {
                var package = group.ToPackage(paths);
                if (package.Source.Kind == PackageSourceKind.Registry)
                {
                    packages.Add(package);
                }
                else
                {
                    notAudited.Add(new NotAuditedDependency(package, Reason(package.Source.Kind)));
                }
            }
        }

        packages.Sort(ComparePackages);
        notAudited.Sort((a, b) => ComparePackages(a.Package, b.Package));
        return new Lockfile
        {
            Path = path,
            Format = format,
            FormatVersion = formatVersion,
            Packages = [.. packages],
            NotAudited = [.. notAudited],
            Workspaces = [.. WorkspaceNodes(graph)
                .Select(n => new Workspace(n.WorkspacePath!, n.Name, n.Version))
                .DistinctBy(w => w.Path)
                .OrderBy(w => w.Path, StringComparer.Ordinal)],
            Warnings = [.. graph.Warnings],
        };
    }

    public static string Reason(PackageSourceKind kind) => kind switch
    {
        PackageSourceKind.Git => "git dependency: not a published version, so no advisory can name it",
        PackageSourceKind.File => "local file or folder: not a published version, so no advisory can name it",
        PackageSourceKind.Link => "linked local folder: not a published version, so no advisory can name it",
        PackageSourceKind.Tarball => "tarball URL: not a published version from a registry, so no advisory can name it",
        _ => "not from a registry",
    };

    private static int ComparePackages(ResolvedPackage a, ResolvedPackage b)
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        if (byName != 0)
        {
            return byName;
        }

        var byVersion = string.CompareOrdinal(a.Version, b.Version);
        return byVersion != 0 ? byVersion : string.CompareOrdinal(a.Resolved ?? a.Source.Location, b.Resolved ?? b.Source.Location);
    }

    /// <summary>For every node, the workspaces whose dependencies (followed through other workspaces) reach it.</summary>
    private static HashSet<string>?[] WorkspaceMembership(DependencyGraph graph)
    {
        var result = new HashSet<string>?[graph.Nodes.Length];
        var seen = new int[graph.Nodes.Length];
        var stamp = 0;
        foreach (var workspace in WorkspaceNodes(graph))
        {
            stamp++;
            var stack = new Stack<GraphNode>();
            stack.Push(workspace);
            seen[workspace.Id] = stamp;
            while (stack.TryPop(out var node))
            {
                foreach (var edge in node.Edges)
                {
                    if (edge.To.IsRoot || seen[edge.To.Id] == stamp)
                    {
                        continue;
                    }

                    seen[edge.To.Id] = stamp;
                    (result[edge.To.Id] ??= []).Add(workspace.WorkspacePath!);
                    stack.Push(edge.To);
                }
            }
        }

        return result;
    }

    private static List<GraphNode> WorkspaceNodes(DependencyGraph graph)
    {
        var workspaces = new List<GraphNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.IsWorkspace)
            {
                workspaces.Add(node);
            }
        }

        return workspaces;
    }

    private static HashSet<string>?[] AliasNames(DependencyGraph graph)
    {
        var result = new HashSet<string>?[graph.Nodes.Length];
        foreach (var node in graph.Nodes)
        {
            foreach (var edge in node.Edges)
            {
                if (edge.Name != edge.To.Name && !edge.To.IsWorkspace && edge.To.Source.Kind == PackageSourceKind.Registry)
                {
                    (result[edge.To.Id] ??= []).Add(edge.Name);
                }
            }
        }

        return result;
    }
}
