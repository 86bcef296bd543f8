using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Yarn;

/// <summary>Every yarn fixture holds the packages yarn's own parsers find in it (see <see cref="YarnOracle"/>).</summary>
public sealed class YarnDifferentialTests
{
    public static TheoryData<string> Names => Fixtures.Names("Yarn");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_holds_what_yarn_parses(string fixture)
    {
        var ours = Fixtures.Read(LockfileReaders.Yarn, "Yarn", fixture, "yarn.lock", fixture.Contains(".berry.", StringComparison.Ordinal) ? Client.WorkspaceProtocol : Client.Yarn1);
        Assert.True(ours.Succeeded, ours.Error?.Message);
        YarnOracle.AssertAgrees(Path.Combine(Fixtures.Folder("Yarn"), fixture), ours.Lockfile);
    }
}
