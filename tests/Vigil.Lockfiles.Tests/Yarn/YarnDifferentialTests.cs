using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Yarn;

/// <summary>
/// Every yarn fixture holds the packages yarn's own parsers find in it (<c>@yarnpkg/lockfile</c> for classic,
/// <c>@yarnpkg/parsers</c> for berry; <c>tests/tools/yarn-lockfile/entries.js</c>): the same (name, version) set,
/// counting not-audited git, file and tarball dependencies and leaving out links and workspaces on both sides.
/// Yarn has no command that lists a lockfile's tree without installing it, so dev flags are checked by the snapshots.
/// </summary>
public sealed class YarnDifferentialTests
{
    public static TheoryData<string> Names => Fixtures.Names("Yarn");

    [Theory]
    [MemberData(nameof(Names))]
    public void Fixture_holds_what_yarn_parses(string fixture)
    {
        var tool = NodeTools.Tool("yarn-lockfile");
        var path = Path.Combine(Fixtures.Folder("Yarn"), fixture);
        var run = NodeTools.Run("node", ["entries.js", path], tool, string.Empty, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.StandardError);
        var yarn = run.StandardOutput;
        var ours = Fixtures.Read(LockfileReaders.Yarn, "Yarn", fixture, "yarn.lock");
        Assert.True(ours.Succeeded, ours.Error?.Message);
        var actual = ours.Lockfile.Packages
            .Concat(ours.Lockfile.NotAudited.Select(n => n.Package).Where(p => p.Source.Kind != PackageSourceKind.Link))
            .Select(p => $"{p.Name}@{p.Version}")
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(yarn.Trim(), string.Join('\n', actual));
    }
}
