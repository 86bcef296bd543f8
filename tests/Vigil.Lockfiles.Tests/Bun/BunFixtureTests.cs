using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Bun;

/// <summary>Every bun fixture reads as its committed snapshot says.</summary>
public sealed class BunFixtureTests
{
    public static TheoryData<string> Names => Fixtures.Names("Bun");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_reads_as_its_snapshot(string fixture)
    {
        var result = Fixtures.Read(LockfileReaders.Bun, "Bun", fixture, "bun.lock", Client.WorkspaceProtocol);
        Assert.True(result.Succeeded, result.Error?.Message);
        Fixtures.Verify("Bun", fixture, Snapshot.Format(result.Lockfile));
    }
}
