using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// The real Bun as the reference: <c>bun pm ls --all</c> (Bun pinned in <c>tests/tools/bun</c>, installed with
/// scripts ignored so the binary stays in <c>@oven/bun-&lt;platform&gt;/bin</c>) prints the tree from the lockfile;
/// its (name, version) set must equal ours. Bun prints local folders, links, workspaces and git dependencies by
/// their locator (anything that is not a version), so those are compared by name only; every package is listed
/// under the name it is installed as (an npm alias under the alias).
/// </summary>
internal static class BunOracle
{
    public static void AssertAgrees(string projectFolder, Lockfile ours)
    {
        var bun = Directory.EnumerateFiles(Path.Combine(NodeTools.Tool("bun"), "node_modules", "@oven"), "bun", SearchOption.AllDirectories).First();
        var run = NodeTools.Run(bun, ["pm", "ls", "--all"], projectFolder, string.Empty, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, $"bun pm ls failed: {run.StandardError}");
        var listed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in run.StandardOutput.Split('\n').Skip(1))
        {
            var entry = line.TrimStart('│', '├', '└', '─', ' ', '\u00a0');
            if (entry.Length == 0)
            {
                continue;
            }

            var at = entry.LastIndexOf('@');
            var (name, version) = (entry[..at], entry[(at + 1)..]);
            listed.Add(NpmVersion.TryParse(version, SemverOptions.Loose, out _, out _) ? name + "@" + version : name);
        }

        var localNames = ours.NotAudited.Select(n => n.Package.Name).Concat(ours.Workspaces.Select(w => w.Name)).ToHashSet();
        var expected = listed.Where(e => !localNames.Contains(e));
        // Bun lists each package under the name it is installed as (an alias, for an npm alias): the last name of a path.
        var actual = ours.Packages
            .SelectMany(p => p.Paths.IsEmpty ? [p.Name] : p.Paths.Select(path => path.Names[^1]), (p, name) => $"{name}@{p.Version}")
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
        Assert.Subset(listed.ToHashSet(), ours.NotAudited.Select(n => n.Package.Name).ToHashSet());
    }
}
