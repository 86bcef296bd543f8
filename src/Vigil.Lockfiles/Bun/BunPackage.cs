using Vigil.Lockfiles.Graph;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Bun;

/// <summary>One entry of bun.lock's <c>packages</c>: <c>["name@reference", …]</c>.</summary>
internal static class BunPackage
{
    public static (GraphNode Node, MapNode? Info) Create(ReadContext context, DependencyGraph graph, MapEntry entry, Dictionary<string, GraphNode> workspaces)
    {
        var what = $"package '{PackageVersions.Shorten(entry.Key)}'";
        var items = (entry.Value as ListNode ?? throw context.Invalid(entry.Value, $"{what} must be a list, not {entry.Value.KindName}")).Items;
        if (items.Length == 0)
        {
            throw context.Invalid(entry.Value, $"{what} is an empty list");
        }

        var (name, reference) = DependencySpec.SplitNameAndVersion(context.Text(items[0], what));
        var info = FirstMap(items[1..]);
        var kind = DependencySpec.Classify(reference);
        if (kind == PackageSourceKind.Workspace)
        {
            var path = reference["workspace:".Length..];
            return workspaces.TryGetValue(path, out var workspace)
                ? (workspace, null)
                : throw context.Invalid(items[0], $"{what} names workspace '{PackageVersions.Shorten(path)}', which 'workspaces' does not list");
        }

        if (kind == PackageSourceKind.Registry)
        {
            if (items.Length < 4 || items[1] is not ScalarNode || items[3] is not ScalarNode)
            {
                throw context.Invalid(entry.Value, $"{what} must be [\"name@version\", registry, {{…}}, integrity]");
            }

            PackageVersions.Check(context, items[0], name, reference);
            var registry = context.Text(items[1], what);
            return (graph.AddPackage(name, reference, PackageSource.Registry, registry.Length == 0 ? null : registry, context.Text(items[3], what)), info);
        }

        var integrity = items.Length > 2 && items[2] is ScalarNode { Type: ScalarType.String } s && s.Text.StartsWith("sha", StringComparison.Ordinal) ? s.Text : null;
        var version = info is not null ? context.OptionalText(info, "version", what) ?? string.Empty : string.Empty;
        return (graph.AddPackage(name, version, new PackageSource(kind, reference), null, integrity), info);
    }

    private static MapNode? FirstMap(ReadOnlySpan<DataNode> items)
    {
        foreach (var item in items)
        {
            if (item is MapNode map)
            {
                return map;
            }
        }

        return null;
    }

    /// <summary>The install path above <paramref name="key"/>: <c>a/@s/b/c</c> → <c>a/@s/b</c>, <c>@s/b</c> → empty.</summary>
    public static string Parent(string key)
    {
        var segments = key.Split('/');
        var names = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            names.Add(segments[i].StartsWith('@') && i + 1 < segments.Length ? segments[i] + "/" + segments[++i] : segments[i]);
        }

        return string.Join('/', names.Take(names.Count - 1));
    }
}
