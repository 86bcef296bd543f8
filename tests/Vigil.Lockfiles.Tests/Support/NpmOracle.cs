using System.Text.Json;
using Vigil.Lockfiles.Graph;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// The real npm as the reference: <c>npm query '*' --package-lock-only</c> in the project folder lists every node of
/// the tree npm loads from the lockfile, with its dev, optional, dev-optional and peer flags. Root, workspaces (npm
/// lists a workspace's folder as a node of its own) and link entries are not packages on either side. Where a
/// version 1 lockfile records no version (a git or tarball dependency, whose "version" is its URL), only the name is compared.
/// </summary>
internal static class NpmOracle
{
    public static void AssertAgrees(string projectFolder, Lockfile ours)
    {
        var run = NodeTools.Run("npm", ["query", "*", "--package-lock-only", "--offline"], projectFolder, string.Empty, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"npm query failed: {run.StandardError}");
        var npm = new Dictionary<string, DependencyType>(StringComparer.Ordinal);
        var npmNames = new HashSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(run.StandardOutput);
        foreach (var node in document.RootElement.EnumerateArray())
        {
            var location = Text(node, "location");
            if (location.Length == 0 || Flag(node, "isWorkspace") || Flag(node, "isLink") || ours.Workspaces.Any(w => w.Path == location))
            {
                continue;
            }

            var key = Text(node, "name") + "@" + Text(node, "version");
            var type = NpmType(node);
            npm[key] = npm.TryGetValue(key, out var seen) ? TypeCalculator.Merge(seen, type) : type;
            npmNames.Add(Text(node, "name"));
        }

        var unversioned = ours.NotAudited.Select(n => n.Package).Where(p => p.Version.Length == 0).Select(p => p.Name).ToHashSet();
        Assert.Subset(npmNames, unversioned);
        var expected = npm.Where(p => !unversioned.Contains(p.Key[..p.Key.LastIndexOf('@')])).Select(p => $"{p.Key} {p.Value.ToText()}").Order(StringComparer.Ordinal);
        var actual = ours.Packages.Concat(ours.NotAudited.Select(n => n.Package))
            .Where(p => p.Version.Length > 0)
            .Select(p => $"{p.Name}@{p.Version} {p.Type.ToText()}").Order(StringComparer.Ordinal);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    private static DependencyType NpmType(JsonElement node)
    {
        var type = DependencyType.Prod;
        type |= Flag(node, "dev") ? DependencyType.Dev : 0;
        type |= Flag(node, "optional") ? DependencyType.Optional : 0;
        type |= Flag(node, "devOptional") && type == DependencyType.Prod ? DependencyType.DevOptional : 0;
        type |= Flag(node, "peer") ? DependencyType.Peer : 0;
        return type;
    }

    private static bool Flag(JsonElement node, string name) => node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
