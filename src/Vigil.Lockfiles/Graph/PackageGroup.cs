using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Vigil.Lockfiles.Graph;

/// <summary>The copies of one package in a graph, merged into one <see cref="ResolvedPackage"/>.</summary>
internal sealed class PackageGroup
{
    private GraphNode _first = null!;
    private List<GraphNode>? _others;
    private HashSet<string>? _workspaces;
    private HashSet<string>? _aliases;

    /// <summary>The next group of the same name, version and source (one whose resolved URL or integrity conflicts), or null.</summary>
    public PackageGroup? Next { get; set; }

    public int Nodes { get; private set; }

    public DependencyType Type { get; private set; }

    public bool Truncated { get; private set; }

    private string? Resolved { get; set; }

    private string? Integrity { get; set; }

    public bool Accepts(GraphNode node) =>
        (Resolved is null || node.Resolved is null || Resolved == node.Resolved)
        && (Integrity is null || node.Integrity is null || Integrity == node.Integrity);

    /// <summary>Adds a copy: its type, whether its paths were truncated, the workspaces that reach it and its alias names.</summary>
    public void Take(GraphNode node, DependencyType type, bool truncated, HashSet<string>? workspaces, HashSet<string>? aliases)
    {
        if (Nodes == 0)
        {
            _first = node;
            Type = type;
        }
        else
        {
            (_others ??= []).Add(node);
            Type = TypeCalculator.Merge(Type, type);
        }

        Nodes++;
        Resolved ??= node.Resolved;
        Integrity ??= node.Integrity;
        Truncated |= truncated;
        if (workspaces is not null)
        {
            (_workspaces ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(workspaces);
        }

        if (aliases is not null)
        {
            (_aliases ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(aliases);
        }
    }

    /// <summary>
    /// The package, with the shortest distinct paths of all its copies (at most <see cref="LockfileLimits.MaxPathsPerPackage"/>),
    /// found when first asked for (<paramref name="found"/> is kept until then).
    /// </summary>
    public ResolvedPackage ToPackage(FoundPaths found)
    {
        var first = _first;
        var others = _others;
        return new ResolvedPackage
        {
            Name = _first.Name,
            Version = _first.Version,
            AliasNames = Sorted(_aliases),
            Type = Type,
            PathsTruncated = Truncated,
            FindPathsLater = () =>
            {
                // The packages of one lockfile share the paths found, and their scratch lists.
                lock (found)
                {
                    var paths = found.Shortest(first, others, LockfileLimits.MaxPathsPerPackage, out var more);
                    return (paths, more);
                }
            },
            Workspaces = Sorted(_workspaces),
            Source = _first.Source,
            Resolved = Resolved,
            Integrity = Integrity,
        };
    }

    private static ImmutableArray<string> Sorted(HashSet<string>? set)
    {
        if (set is null || set.Count == 0)
        {
            return [];
        }

        var items = new string[set.Count];
        set.CopyTo(items);
        Array.Sort(items, StringComparer.Ordinal);
        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }
}
