using System.Runtime.InteropServices;

namespace Vigil.Lockfiles.Graph;

/// <summary>
/// What a reader builds: the root project (node 0), the workspaces, the packages and the dependencies between them.
/// <see cref="LockfileAssembler"/> turns it into a <see cref="Lockfile"/>.
/// </summary>
internal sealed class DependencyGraph
{
    private readonly List<GraphNode> _nodes = [];
    private const int MaxWarnings = 100;

    private readonly List<string> _warnings = [];
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private int _unlisted;

    public DependencyGraph(string rootName, string rootVersion)
    {
        _nodes.Add(new GraphNode(0, rootName, rootVersion, new PackageSource(PackageSourceKind.Workspace, ".")));
    }

    public GraphNode Root => _nodes[0];

    /// <summary>The nodes, by id; not to be held while nodes are added.</summary>
    public ReadOnlySpan<GraphNode> Nodes => CollectionsMarshal.AsSpan(_nodes);

    /// <summary>The warnings, at most 100 of them and then a count of the rest.</summary>
    public IReadOnlyList<string> Warnings => _unlisted == 0 ? _warnings : [.. _warnings, $"... and {_unlisted:N0} more warnings"];

    public GraphNode AddPackage(string name, string version, PackageSource source, string? resolved = null, string? integrity = null)
    {
        var node = new GraphNode(_nodes.Count, name, version, source) { Resolved = resolved, Integrity = integrity };
        _nodes.Add(node);
        return node;
    }

    public GraphNode AddWorkspace(string path, string name, string version)
    {
        var node = new GraphNode(_nodes.Count, name, version, new PackageSource(PackageSourceKind.Workspace, path)) { WorkspacePath = path };
        _nodes.Add(node);
        return node;
    }

    public static void AddEdge(GraphNode from, GraphNode to, string name, EdgeType type) => from.AddEdge(new GraphEdge(to, name, type));

    public void Warn(string warning)
    {
        if (_warnings.Count >= MaxWarnings)
        {
            _unlisted += _warned.Contains(warning) ? 0 : 1;
        }
        else if (_warned.Add(warning))
        {
            _warnings.Add(warning);
        }
    }
}
