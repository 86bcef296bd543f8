using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.NodeModules;

/// <summary>
/// Every installed tree reads as its committed snapshot says. The trees keep their symbolic links (workspaces, pnpm's
/// virtual store), so they are read from the source tree, not copied to the test output.
/// </summary>
public sealed class NodeModulesFixtureTests
{
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var folder in Directory.EnumerateDirectories(Fixtures.SourceFolder("NodeModules")).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Tree_reads_as_its_snapshot(string tree)
    {
        var result = LockfileReaders.NodeModules.Read(Path.Combine(Fixtures.SourceFolder("NodeModules"), tree));
        Assert.True(result.Succeeded, result.Error?.Message);
        Fixtures.Verify("NodeModules", tree, Snapshot.Format(result.Lockfile));
    }
}
