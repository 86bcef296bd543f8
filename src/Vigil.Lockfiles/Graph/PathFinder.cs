namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Finds, for every node, up to <see cref="LockfileLimits.MaxPathsPerPackage"/> simple paths from the root,
/// shortest first. A breadth-first walk over paths: a node keeps the first paths offered to it (which are the
/// shortest) and each kept path is extended once along every edge to a node not already on it, so the work is at
/// most (paths kept) × (edges) × (path length) and cycles end.
/// </summary>
/// <remarks>
/// A path is one <see cref="PathLink"/> (its last edge) that points at the link of the path it extends, all in one
/// list in the order they were kept: that order is the breadth-first queue itself. Names are put in arrays only for
/// the paths a package keeps in the end (<see cref="FoundPaths"/>).
/// </remarks>
internal static class PathFinder
{
    public static FoundPaths Find(DependencyGraph graph, int maxPaths)
    {
        var nodes = graph.Nodes;
        var kept = new int[nodes.Length];
        var truncated = new bool[nodes.Length];
        // Packages of a large project keep about five paths each.
        var links = new PooledList<PathLink>(4 * nodes.Length);
        var names = new PooledList<string>(4 * nodes.Length);
        foreach (var edge in graph.Root.Edges)
        {
            Offer(edge, -1);
        }

        for (var i = 0; i < links.Count; i++)
        {
            foreach (var edge in nodes[links[i].Node].Edges)
            {
                if (!edge.To.IsRoot && !Contains(links.Items, i, edge.To.Id))
                {
                    Offer(edge, i);
                }
            }
        }

        return new FoundPaths(links, names, kept, truncated);

        void Offer(GraphEdge edge, int parent)
        {
            var node = edge.To.Id;
            if (kept[node] >= maxPaths)
            {
                truncated[node] = true;
                return;
            }

            kept[node]++;
            var greaterThan = edge.Name.Contains('>', StringComparison.Ordinal);
            names.Add(edge.Name);
            if (parent < 0)
            {
                links.Add(new PathLink(node, parent, 1, edge.Name.Length, greaterThan));
                return;
            }

            ref var from = ref links[parent];
            links.Add(new PathLink(node, parent, from.Length + 1, from.JoinedLength + FoundPaths.Separator.Length + edge.Name.Length, greaterThan || from.HoldsGreaterThan));
        }
    }

    /// <summary>Whether the path ending with link <paramref name="index"/> goes through node <paramref name="node"/>.</summary>
    private static bool Contains(ReadOnlySpan<PathLink> links, int index, int node)
    {
        for (var i = index; i >= 0; i = links[i].Parent)
        {
            if (links[i].Node == node)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// The last edge of a path (its name is kept beside, in a list of names): the node it reaches, the link of the path it
/// extends (-1 for none), and what the whole path's names come to: how many, how long joined as they print, and
/// whether one holds a <c>&gt;</c>. No references, so a large list of them costs the GC nothing.
/// </summary>
internal readonly record struct PathLink(int Node, int Parent, int Length, int JoinedLength, bool HoldsGreaterThan);
