namespace Vigil.Lockfiles.Graph;

/// <summary>The copies of one package in a graph, merged into one <see cref="ResolvedPackage"/>.</summary>
internal sealed class PackageGroup
{
    private GraphNode _first = null!;

    public int Nodes { get; set; }

    public DependencyType Type { get; set; }

    public List<DependencyPath> Paths { get; } = [];

    public bool Truncated { get; set; }

    public HashSet<string> Workspaces { get; } = [];

    public HashSet<string> Aliases { get; } = [];

    private string? Resolved { get; set; }

    private string? Integrity { get; set; }

    public bool Accepts(GraphNode node) =>
        (Resolved is null || node.Resolved is null || Resolved == node.Resolved)
        && (Integrity is null || node.Integrity is null || Integrity == node.Integrity);

    public void Take(GraphNode node)
    {
        _first ??= node;
        Resolved ??= node.Resolved;
        Integrity ??= node.Integrity;
    }

    public ResolvedPackage ToPackage()
    {
        Paths.Sort(PathFinder.Compare);
        var distinct = Paths.DistinctBy(p => p.ToString()).ToList();
        return new ResolvedPackage
        {
            Name = _first.Name,
            Version = _first.Version,
            AliasNames = [.. Aliases.Order(StringComparer.Ordinal)],
            Type = Type,
            Paths = [.. distinct.Take(LockfileLimits.MaxPathsPerPackage)],
            PathsTruncated = Truncated || distinct.Count > LockfileLimits.MaxPathsPerPackage,
            Workspaces = [.. Workspaces.Order(StringComparer.Ordinal)],
            Source = _first.Source,
            Resolved = Resolved,
            Integrity = Integrity,
        };
    }
}
