using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Npm;

/// <summary>Every npm fixture reads as its committed snapshot says.</summary>
public sealed class NpmFixtureTests
{
    public static TheoryData<string> Names => Fixtures.Names("Npm");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_reads_as_its_snapshot(string fixture)
    {
        var lockfileName = fixture.Contains(".shrinkwrap.", StringComparison.Ordinal) ? "npm-shrinkwrap.json" : "package-lock.json";
        var result = Fixtures.Read(LockfileReaders.Npm, "Npm", fixture, lockfileName, Client.Npm);
        Assert.True(result.Succeeded, result.Error?.Message);
        Fixtures.Verify("Npm", fixture, Snapshot.Format(result.Lockfile));
    }
}
