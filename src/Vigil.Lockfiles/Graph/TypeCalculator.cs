namespace Vigil.Lockfiles.Graph;

/// <summary>
/// Computes each node's <see cref="DependencyType"/> with npm's rule (arborist's <c>calc-dep-flags</c>): a flag
/// stays set only if every path from the root carries it. Flags only ever go from set to unset, so the walk ends
/// after at most four changes per node, cycles included.
/// </summary>
internal static class TypeCalculator
{
    private const int Dev = 1, Optional = 2, DevOrOptional = 4, Peer = 8, All = 15;

    /// <summary>The type of every node, by id; nodes the root does not reach are <see cref="DependencyType.Prod"/>.</summary>
    public static DependencyType[] Compute(DependencyGraph graph)
    {
        var flags = new int[graph.Nodes.Length];
        Array.Fill(flags, All);
        flags[0] = 0;
        var reached = new bool[graph.Nodes.Length];
        reached[0] = true;
        // A node is queued at most once at a time: it passes on its flags as they are when it leaves the queue.
        var queued = new bool[graph.Nodes.Length];
        var work = new Queue<GraphNode>();
        work.Enqueue(graph.Root);
        queued[0] = true;
        while (work.TryDequeue(out var node))
        {
            queued[node.Id] = false;
            var from = flags[node.Id];
            foreach (var edge in node.Edges)
            {
                var to = edge.To.Id;
                var unset = Unset(from, edge.Type);
                var next = flags[to] & ~unset;
                if (next != flags[to] || !reached[to])
                {
                    flags[to] = next;
                    reached[to] = true;
                    if (!queued[to])
                    {
                        queued[to] = true;
                        work.Enqueue(edge.To);
                    }
                }
            }
        }

        var types = new DependencyType[flags.Length];
        for (var i = 0; i < flags.Length; i++)
        {
            types[i] = reached[i] ? ToType(flags[i]) : DependencyType.Prod;
        }

        return types;
    }

    /// <summary>npm's rule for the flags a child loses through one edge.</summary>
    private static int Unset(int parent, EdgeType type)
    {
        bool dev = type == EdgeType.Dev, optional = type == EdgeType.Optional, peer = type == EdgeType.Peer;
        var unsetDevOptional = (parent & (Dev | Optional | DevOrOptional)) == 0 && !dev && !optional;
        var unsetDev = unsetDevOptional || ((parent & Dev) == 0 && !dev);
        var unsetOptional = unsetDevOptional || ((parent & Optional) == 0 && !optional);
        var unsetPeer = (parent & Peer) == 0 && !peer;
        return (unsetDev ? Dev : 0) | (unsetOptional ? Optional : 0) | (unsetDevOptional ? DevOrOptional : 0) | (unsetPeer ? Peer : 0);
    }

    /// <summary>npm writes dev-optional only when neither dev nor optional holds alone.</summary>
    public static DependencyType ToType(int flags)
    {
        var type = DependencyType.Prod;
        if ((flags & Dev) != 0)
        {
            type |= DependencyType.Dev;
        }

        if ((flags & Optional) != 0)
        {
            type |= DependencyType.Optional;
        }

        if ((flags & DevOrOptional) != 0 && (flags & (Dev | Optional)) == 0)
        {
            type |= DependencyType.DevOptional;
        }

        if ((flags & Peer) != 0)
        {
            type |= DependencyType.Peer;
        }

        return type;
    }

    /// <summary>The type of a package installed at several places: left out only when every copy is.</summary>
    public static DependencyType Merge(DependencyType a, DependencyType b)
    {
        var raw = Raw(a) & Raw(b);
        return ToType(raw);
    }

    private static int Raw(DependencyType type)
    {
        var raw = (int)type & (Dev | Optional | Peer);
        return (type & (DependencyType.Dev | DependencyType.Optional | DependencyType.DevOptional)) != 0
            ? raw | DevOrOptional
            : raw;
    }
}
