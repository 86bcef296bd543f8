using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Npm;

/// <summary>Every npm fixture reads as the real npm reads it (see <see cref="NpmOracle"/>).</summary>
public sealed class NpmDifferentialTests
{
    public static TheoryData<string> Names => Fixtures.Names("Npm");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_lists_what_npm_lists(string fixture)
    {
        var lockfileName = fixture.Contains(".shrinkwrap.", StringComparison.Ordinal) ? "npm-shrinkwrap.json" : "package-lock.json";
        using var project = ScenarioProject.Create(Fixtures.ScenarioOf(fixture), Client.Npm, Path.Combine(Fixtures.Folder("Npm"), fixture), lockfileName);
        var ours = LockfileReaders.Npm.Read(project.File(lockfileName));
        Assert.True(ours.Succeeded, ours.Error?.Message);
        NpmOracle.AssertAgrees(project.Path, ours.Lockfile);
    }
}
