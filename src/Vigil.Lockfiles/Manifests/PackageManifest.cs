using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Manifests;

/// <summary>The parts of a <c>package.json</c> the readers use.</summary>
internal sealed class PackageManifest
{
    public string Name { get; private init; } = string.Empty;

    public string Version { get; private init; } = string.Empty;

    public IReadOnlyList<(string Name, string Spec, Graph.EdgeType Type)> Dependencies { get; private init; } = [];

    public IReadOnlyList<string> WorkspacePatterns { get; private init; } = [];

    /// <summary>The <c>packageManager</c> field (<c>pnpm@9.1.0</c>), or empty.</summary>
    public string PackageManager { get; private init; } = string.Empty;

    /// <summary>Reads the <c>package.json</c> in <paramref name="folder"/>; null when there is none.</summary>
    /// <exception cref="LockfileParseException">The file is too large or not valid JSON.</exception>
    public static PackageManifest? TryRead(string folder, string displayName)
    {
        var path = Path.Combine(folder, "package.json");
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = FileInput.ReadAllBytes(path, displayName, LockfileLimits.MaxManifestBytes);
        var source = SourceText.Check(displayName, bytes);
        return Parse(new ReadContext(source), JsonTreeReader.Read(source));
    }

    public static PackageManifest Parse(ReadContext context, DataNode root)
    {
        var map = context.Map(root, "package.json");
        const string What = "package.json";
        var dependencies = new List<(string, string, Graph.EdgeType)>();
        AddAll(dependencies, context.StringMap(map, "dependencies", What), Graph.EdgeType.Prod);
        AddAll(dependencies, context.StringMap(map, "devDependencies", What), Graph.EdgeType.Dev);
        AddAll(dependencies, context.StringMap(map, "optionalDependencies", What), Graph.EdgeType.Optional);
        AddAll(dependencies, context.StringMap(map, "peerDependencies", What), Graph.EdgeType.Peer);
        return new PackageManifest
        {
            Name = context.OptionalText(map, "name", What) ?? string.Empty,
            Version = context.OptionalText(map, "version", What) ?? string.Empty,
            Dependencies = dependencies,
            WorkspacePatterns = Workspaces(context, map),
            PackageManager = context.OptionalText(map, "packageManager", What) ?? string.Empty,
        };
    }

    /// <summary>
    /// Adds declarations; for a name already declared only an optional declaration replaces the first (npm: a name in
    /// both <c>dependencies</c> and <c>optionalDependencies</c> is optional; a name in both <c>dependencies</c> and
    /// <c>devDependencies</c> is a production dependency).
    /// </summary>
    private static void AddAll(List<(string Name, string Spec, Graph.EdgeType Type)> list, IEnumerable<(string Name, string Value, DataNode Node)> entries, Graph.EdgeType type)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            index[list[i].Name] = i;
        }

        foreach (var (name, spec, _) in entries)
        {
            if (!index.TryGetValue(name, out var existing))
            {
                index[name] = list.Count;
                list.Add((name, spec, type));
            }
            else if (type is Graph.EdgeType.Optional)
            {
                list[existing] = (name, spec, type);
            }
        }
    }

    private static List<string> Workspaces(ReadContext context, MapNode map)
    {
        if (!map.TryGet("workspaces", out var value))
        {
            return [];
        }

        if (value is MapNode yarnStyle)
        {
            return [.. context.StringList(yarnStyle, "packages", "'workspaces' of package.json")];
        }

        return [.. context.StringList(map, "workspaces", "package.json")];
    }
}
