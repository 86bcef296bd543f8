using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// The real pnpm as the reference: <c>pnpm list [-r] --depth Infinity --json --lockfile-only</c> (pnpm 10, pinned in
/// <c>tests/tools/pnpm</c>; it reads only version 9 lockfiles) gives the (name, version, dev) set. pnpm calls a
/// package dev when it appears only under <c>devDependencies</c>. Workspace links and local folders and tarballs
/// (<c>link:</c>, <c>file:</c>) are not packages on either side; git and tarball-URL dependencies are on both.
/// </summary>
internal static class PnpmOracle
{
    public static void AssertAgrees(string projectFolder, Lockfile ours)
    {
        var pnpm = Path.Combine(NodeTools.Tool("pnpm"), "node_modules", "pnpm", "bin", "pnpm.cjs");
        // -r only in a workspace: elsewhere pnpm would list the scenario's local folders as projects of their own.
        string[] recursive = File.Exists(Path.Combine(projectFolder, "pnpm-workspace.yaml")) ? ["-r"] : [];
        var run = NodeTools.Run("node", [pnpm, "list", .. recursive, "--depth", "Infinity", "--json", "--lockfile-only"], projectFolder, string.Empty, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, $"pnpm list failed: {run.StandardError}");
        var seen = new Dictionary<string, bool>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(run.StandardOutput);
        foreach (var importer in document.RootElement.EnumerateArray())
        {
            foreach (var group in new[] { "dependencies", "devDependencies", "optionalDependencies" })
            {
                if (importer.TryGetProperty(group, out var dependencies))
                {
                    Collect(dependencies, group == "devDependencies", seen, 0);
                }
            }
        }

        var expected = seen.Select(p => $"{p.Key} dev={p.Value}").Order(StringComparer.Ordinal);
        var actual = ours.Packages
            .Concat(ours.NotAudited.Select(n => n.Package).Where(p => p.Source.Kind is PackageSourceKind.Git or PackageSourceKind.Tarball))
            .Select(p => $"{p.Name}@{p.Version} dev={p.Type.HasFlag(DependencyType.Dev)}")
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
    }

    /// <summary>Adds every package of a dependency tree; dev stays true only if every occurrence is under devDependencies.</summary>
    private static void Collect(JsonElement dependencies, bool dev, Dictionary<string, bool> seen, int depth)
    {
        Assert.True(depth < 100, "pnpm list printed a tree deeper than 100 levels");
        foreach (var dependency in dependencies.EnumerateObject())
        {
            var version = dependency.Value.GetProperty("version").GetString()!;
            var resolved = dependency.Value.TryGetProperty("resolved", out var r) ? r.GetString()! : string.Empty;
            var local = version.StartsWith("link:", StringComparison.Ordinal) || version.StartsWith("file:", StringComparison.Ordinal) || resolved.StartsWith("file:", StringComparison.Ordinal);
            if (!local)
            {
                var name = dependency.Value.TryGetProperty("from", out var from) ? from.GetString()! : dependency.Name;
                var key = name + "@" + version;
                seen[key] = seen.TryGetValue(key, out var before) ? before && dev : dev;
            }

            if (dependency.Value.TryGetProperty("dependencies", out var children))
            {
                Collect(children, dev, seen, depth + 1);
            }
        }
    }
}
