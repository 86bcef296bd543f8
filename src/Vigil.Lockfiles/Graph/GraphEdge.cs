namespace Vigil.Lockfiles.Graph;

/// <summary>A dependency: <paramref name="Name"/> is the name the parent declares it under (an alias, for an npm alias).</summary>
internal readonly record struct GraphEdge(GraphNode To, string Name, EdgeType Type);
