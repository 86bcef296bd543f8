using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Bun;

/// <summary>Every bun fixture holds the packages the real Bun lists (see <see cref="BunOracle"/>).</summary>
public sealed class BunDifferentialTests
{
    public static TheoryData<string> Names => Fixtures.Names("Bun");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_lists_what_bun_lists(string fixture)
    {
        using var project = ScenarioProject.Create(Fixtures.ScenarioOf(fixture), Client.WorkspaceProtocol, Path.Combine(Fixtures.Folder("Bun"), fixture), "bun.lock");
        var ours = LockfileReaders.Bun.Read(project.File("bun.lock"));
        Assert.True(ours.Succeeded, ours.Error?.Message);
        BunOracle.AssertAgrees(project.Path, ours.Lockfile);
    }
}
