using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Vigil.Lockfiles.Graph;

/// <summary>
/// The paths <see cref="PathFinder"/> kept for each node, in the order they were found; and, for a package, its
/// shortest distinct paths over all its copies, sorted (<see cref="Shortest"/>).
/// </summary>
internal sealed class FoundPaths : IDisposable
{
    /// <summary>What <see cref="DependencyPath.ToString"/> puts between names: paths that print alike are one path.</summary>
    public const string Separator = " > ";

    /// <summary>Up to this many paths are sorted by insertion.</summary>
    private const int SmallSort = 32;

    private readonly PooledList<PathLink> _links;
    private readonly PooledList<string> _names;
    private readonly int[] _first;
    private readonly int[] _byNode;
    private readonly bool[] _truncated;
    private readonly List<int> _candidates = [];
    private Comparison<int>? _compare;

    /// <summary>The paths found, in lists this takes over (and gives back to their pool on <see cref="Dispose"/>).</summary>
    public FoundPaths(PooledList<PathLink> links, PooledList<string> names, int[] kept, bool[] truncated)
    {
        _links = links;
        _names = names;
        _truncated = truncated;

        // Group the links by node, keeping their order: node n's are _byNode[_first[n].._first[n + 1]].
        _first = new int[kept.Length + 1];
        for (var n = 0; n < kept.Length; n++)
        {
            _first[n + 1] = _first[n] + kept[n];
        }

        _byNode = new int[links.Count];
        var next = _first[..^1];
        for (var i = 0; i < links.Count; i++)
        {
            _byNode[next[Links[i].Node]++] = i;
        }
    }

    private ReadOnlySpan<PathLink> Links => _links.Items;

    public void Dispose()
    {
        _links.Dispose();
        _names.Dispose();
    }

    /// <summary>Whether node <paramref name="node"/> has more paths than it kept.</summary>
    public bool Truncated(int node) => _truncated[node];

    /// <summary>
    /// The shortest distinct paths (by how they print) of a package's copies, shortest first then by names, at most
    /// <paramref name="max"/>; <paramref name="more"/> says whether there are more.
    /// </summary>
    public ImmutableArray<DependencyPath> Shortest(GraphNode first, List<GraphNode>? others, int max, out bool more)
    {
        Span<int> candidates;
        if (others is null)
        {
            candidates = _byNode.AsSpan(_first[first.Id], _first[first.Id + 1] - _first[first.Id]);
        }
        else
        {
            _candidates.Clear();
            _candidates.AddRange(_byNode.AsSpan(_first[first.Id], _first[first.Id + 1] - _first[first.Id]));
            foreach (var other in others)
            {
                _candidates.AddRange(_byNode.AsSpan(_first[other.Id], _first[other.Id + 1] - _first[other.Id]));
            }

            candidates = CollectionsMarshal.AsSpan(_candidates);
        }

        Sort(candidates);

        // Keep one more than asked, to know whether some were left out.
        Span<int> distinct = stackalloc int[max + 1];
        var count = 0;
        foreach (var candidate in candidates)
        {
            if (!PrintsLikeAny(distinct[..count], candidate))
            {
                distinct[count++] = candidate;
                if (count > max)
                {
                    break;
                }
            }
        }

        more = count > max;
        var paths = new DependencyPath[Math.Min(count, max)];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = new DependencyPath(ImmutableCollectionsMarshal.AsImmutableArray(Names(distinct[i])));
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(paths);
    }

    /// <summary>
    /// Sorts paths with <see cref="Compare"/>. A node's paths come found shortest first and mostly in name order
    /// already: an insertion sort takes few comparisons for the few paths a package has.
    /// </summary>
    private void Sort(Span<int> paths)
    {
        if (paths.Length > SmallSort)
        {
            paths.Sort(_compare ??= Compare);
            return;
        }

        for (var i = 1; i < paths.Length; i++)
        {
            var path = paths[i];
            var j = i - 1;
            for (; j >= 0 && Compare(paths[j], path) > 0; j--)
            {
                paths[j + 1] = paths[j];
            }

            paths[j + 1] = path;
        }
    }

    /// <summary>Orders paths shortest first, then by their names from the root down.</summary>
    private int Compare(int a, int b)
    {
        var byLength = Links[a].Length.CompareTo(Links[b].Length);
        if (byLength != 0)
        {
            return byLength;
        }

        // Up both paths together to where they share their beginning: the difference nearest the root decides.
        var result = 0;
        while (a != b)
        {
            var byName = string.CompareOrdinal(_names[a], _names[b]);
            if (byName != 0)
            {
                result = byName;
            }

            a = Links[a].Parent;
            b = Links[b].Parent;
        }

        return result;
    }

    private bool PrintsLikeAny(ReadOnlySpan<int> paths, int path)
    {
        foreach (var other in paths)
        {
            if (PrintAlike(other, path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two paths print alike: their names joined by <see cref="Separator"/> are equal.</summary>
    private bool PrintAlike(int a, int b)
    {
        if (Links[a].JoinedLength != Links[b].JoinedLength)
        {
            return false;
        }

        if (Links[a].Length == Links[b].Length && SameNames(a, b))
        {
            return true;
        }

        // Different names print alike only if one holds a '>' (the separator's middle: where the separators of the
        // two do not line up, one has a '>' inside a name). Then compare the printed forms.
        return (Links[a].HoldsGreaterThan || Links[b].HoldsGreaterThan)
            && string.Join(Separator, Names(a)) == string.Join(Separator, Names(b));
    }

    private bool SameNames(int a, int b)
    {
        for (; a != b; a = Links[a].Parent, b = Links[b].Parent)
        {
            if (!string.Equals(_names[a], _names[b], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The names of a path, from the root's dependency down.</summary>
    private string[] Names(int link)
    {
        var names = new string[Links[link].Length];
        for (var i = names.Length - 1; i >= 0; i--, link = Links[link].Parent)
        {
            names[i] = _names[link];
        }

        return names;
    }

}
