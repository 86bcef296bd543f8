using Vigil.Domain.Semver;
using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Bun;

/// <summary>
/// Every bun fixture holds the packages the real Bun lists: <c>bun pm ls --all</c> (Bun pinned in
/// <c>tests/tools/bun</c>) in a copy of the project prints the tree from the lockfile; its (name, version) set must
/// equal ours. Bun prints local folders, links and workspaces with their protocol (<c>file:</c>, <c>link:</c>,
/// <c>workspace:</c>), a folder or git dependencies by their locator (anything that is not a version), so those are
/// compared by name only; every package is listed under the name it is installed as (an npm alias under the alias).
/// </summary>
public sealed class BunDifferentialTests
{
    public static TheoryData<string> Names => Fixtures.Names("Bun");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_lists_what_bun_lists(string fixture)
    {
        var bun = Directory.EnumerateFiles(Path.Combine(NodeTools.Tool("bun"), "node_modules", "@oven"), "bun", SearchOption.AllDirectories).First();
        using var project = ScenarioProject.Create(Fixtures.ScenarioOf(fixture), Client.Pnpm, Path.Combine(Fixtures.Folder("Bun"), fixture), "bun.lock");
        var ours = LockfileReaders.Bun.Read(project.File("bun.lock"));
        Assert.True(ours.Succeeded, ours.Error?.Message);

        var run = NodeTools.Run(bun, ["pm", "ls", "--all"], project.Path, string.Empty, TimeSpan.FromMinutes(1));
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

        var localNames = ours.Lockfile.NotAudited.Select(n => n.Package.Name).Concat(ours.Lockfile.Workspaces.Select(w => w.Name)).ToHashSet();
        var expected = listed.Where(e => !localNames.Contains(e));
        // Bun lists each package under the name it is installed as (an alias, for an npm alias): the last name of a path.
        var actual = ours.Lockfile.Packages
            .SelectMany(p => p.Paths.IsEmpty ? [p.Name] : p.Paths.Select(path => path.Names[^1]), (p, name) => $"{name}@{p.Version}")
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(string.Join('\n', expected), string.Join('\n', actual));
        Assert.Subset(listed.ToHashSet(), ours.Lockfile.NotAudited.Select(n => n.Package.Name).ToHashSet());
    }
}
