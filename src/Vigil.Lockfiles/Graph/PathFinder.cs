namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Finds, for every node, up to <see cref="LockfileLimits.MaxPathsPerPackage"/> simple paths from the root,
/// shortest first. A breadth-first walk over paths: a node keeps the first paths offered to it (which are the
/// shortest) and each kept path is extended once along every edge to a node not already on it, so the work is at
/// most (paths kept) × (edges) × (path length) and cycles end.
/// </summary>
internal static class PathFinder
{
    public static (List<DependencyPath> Paths, bool Truncated)[] Find(DependencyGraph graph, int maxPaths)
    {
        var kept = new List<Link>?[graph.Nodes.Count];
        var truncated = new bool[graph.Nodes.Count];
        var queue = new Queue<Link>();
        foreach (var edge in graph.Root.Edges)
        {
            Offer(new Link(edge.To, edge.Name, null));
        }

        while (queue.TryDequeue(out var link))
        {
            foreach (var edge in link.Node.Edges)
            {
                if (!edge.To.IsRoot && !link.Contains(edge.To))
                {
                    Offer(new Link(edge.To, edge.Name, link));
                }
            }
        }

        var result = new (List<DependencyPath>, bool)[graph.Nodes.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var paths = kept[i]?.Select(l => l.ToPath()).ToList() ?? [];
            result[i] = (paths, truncated[i]);
        }

        return result;

        void Offer(Link link)
        {
            var list = kept[link.Node.Id] ??= [];
            if (list.Count >= maxPaths)
            {
                truncated[link.Node.Id] = true;
                return;
            }

            list.Add(link);
            queue.Enqueue(link);
        }
    }

    /// <summary>Orders paths shortest first, then by their names.</summary>
    public static int Compare(DependencyPath a, DependencyPath b)
    {
        var byLength = a.Names.Length.CompareTo(b.Names.Length);
        if (byLength != 0)
        {
            return byLength;
        }

        for (var i = 0; i < a.Names.Length; i++)
        {
            var byName = string.CompareOrdinal(a.Names[i], b.Names[i]);
            if (byName != 0)
            {
                return byName;
            }
        }

        return 0;
    }

    private sealed class Link(GraphNode node, string name, Link? parent)
    {
        public GraphNode Node { get; } = node;

        public bool Contains(GraphNode other)
        {
            for (var l = this; l is not null; l = l.Parent)
            {
                if (l.Node == other)
                {
                    return true;
                }
            }

            return false;
        }

        public DependencyPath ToPath()
        {
            var names = new List<string>();
            for (var l = this; l is not null; l = l.Parent)
            {
                names.Add(l.Name);
            }

            names.Reverse();
            return new DependencyPath([.. names]);
        }

        private Link? Parent { get; } = parent;

        private string Name { get; } = name;
    }
}
