using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Pnpm;

/// <summary>Every pnpm fixture reads as its committed snapshot says.</summary>
public sealed class PnpmFixtureTests
{
    public static TheoryData<string> Names => Fixtures.Names("Pnpm");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_reads_as_its_snapshot(string fixture)
    {
        var result = Fixtures.Read(LockfileReaders.Pnpm, "Pnpm", fixture, "pnpm-lock.yaml", Client.WorkspaceProtocol);
        Assert.True(result.Succeeded, result.Error?.Message);
        Fixtures.Verify("Pnpm", fixture, Snapshot.Format(result.Lockfile));
    }
}
