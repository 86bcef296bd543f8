using System.Runtime.InteropServices;

namespace Vigil.Lockfiles.Graph;

/// <summary>A package (or the root, or a workspace) in a dependency graph built by a reader.</summary>
internal sealed class GraphNode
{
    private readonly List<GraphEdge> _edges = [];

    public GraphNode(int id, string name, string version, PackageSource source)
    {
        Id = id;
        Name = name;
        Version = version;
        Source = source;
    }

    public int Id { get; }

    /// <summary>The real package name.</summary>
    public string Name { get; }

    public string Version { get; }

    public PackageSource Source { get; set; }

    public string? Resolved { get; init; }

    public string? Integrity { get; init; }

    /// <summary>The flags the lockfile itself records (npm), used instead of computing them.</summary>
    public DependencyType? RecordedType { get; set; }

    /// <summary>For a workspace (not the root): its folder relative to the project root.</summary>
    public string? WorkspacePath { get; init; }

    public bool IsRoot => Id == 0;

    public bool IsWorkspace => WorkspacePath is not null;

    /// <summary>The dependencies; not to be held while edges are added.</summary>
    public ReadOnlySpan<GraphEdge> Edges => CollectionsMarshal.AsSpan(_edges);

    public void AddEdge(GraphEdge edge) => _edges.Add(edge);

    /// <summary>Makes room for <paramref name="count"/> more edges.</summary>
    public void EnsureEdgeCapacity(int count) => _edges.EnsureCapacity(_edges.Count + count);

    public bool HasEdgeTo(GraphNode node)
    {
        foreach (var edge in Edges)
        {
            if (edge.To == node)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Sorts the edges by name, so that everything computed from the graph is in a stable order.</summary>
    public void SortEdges() => _edges.Sort(static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : a.To.Id.CompareTo(b.To.Id);
    });

    public override string ToString() => Name + "@" + Version;
}
