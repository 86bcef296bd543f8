using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Yarn;

/// <summary>Every yarn fixture reads as its committed snapshot says.</summary>
public sealed class YarnFixtureTests
{
    public static TheoryData<string> Names => Fixtures.Names("Yarn");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_reads_as_its_snapshot(string fixture)
    {
        var result = Fixtures.Read(LockfileReaders.Yarn, "Yarn", fixture, "yarn.lock", fixture.Contains(".berry.", StringComparison.Ordinal) ? Client.WorkspaceProtocol : Client.Yarn1);
        Assert.True(result.Succeeded, result.Error?.Message);
        Fixtures.Verify("Yarn", fixture, Snapshot.Format(result.Lockfile));
    }
}
