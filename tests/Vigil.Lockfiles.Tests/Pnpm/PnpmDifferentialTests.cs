using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Pnpm;

/// <summary>Every lockfile-version-9 fixture lists what the real pnpm lists (see <see cref="PnpmOracle"/>).</summary>
public sealed class PnpmDifferentialTests
{
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Fixtures.Names("Pnpm").Select(row => row.Data).Where(n => n.EndsWith(".v9.yaml", StringComparison.Ordinal)))
            {
                data.Add(name);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_lists_what_pnpm_lists(string fixture)
    {
        using var project = ScenarioProject.Create(Fixtures.ScenarioOf(fixture), Client.WorkspaceProtocol, Path.Combine(Fixtures.Folder("Pnpm"), fixture), "pnpm-lock.yaml");
        var ours = LockfileReaders.Pnpm.Read(project.File("pnpm-lock.yaml"));
        Assert.True(ours.Succeeded, ours.Error?.Message);
        PnpmOracle.AssertAgrees(project.Path, ours.Lockfile);
    }
}
