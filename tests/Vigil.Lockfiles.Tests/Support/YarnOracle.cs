using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// Yarn's own lockfile parsers as the reference (<c>@yarnpkg/lockfile</c> for classic, <c>@yarnpkg/parsers</c> for
/// berry; <c>tests/tools/yarn-lockfile/entries.js</c>): the same (name, version) set, counting not-audited git, file
/// and tarball dependencies and leaving out links and workspaces on both sides. Yarn has no command that lists a
/// lockfile's tree without installing it, so dev flags are checked by the snapshots.
/// </summary>
internal static class YarnOracle
{
    public static void AssertAgrees(string lockfilePath, Lockfile ours)
    {
        var run = NodeTools.Run("node", ["entries.js", lockfilePath], NodeTools.Tool("yarn-lockfile"), string.Empty, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.StandardError);
        var actual = ours.Packages
            .Concat(ours.NotAudited.Select(n => n.Package).Where(p => p.Source.Kind != PackageSourceKind.Link))
            .Select(p => $"{p.Name}@{p.Version}")
            .Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(run.StandardOutput.Trim(), string.Join('\n', actual));
    }

    /// <summary>The berry entries no workspace reaches (yarn keeps some that nothing depends on), as name@version lines.</summary>
    public static string Unreached(string lockfilePath)
    {
        var run = NodeTools.Run("node", ["entries.js", lockfilePath, "--unreached"], NodeTools.Tool("yarn-lockfile"), string.Empty, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.StandardError);
        return run.StandardOutput.Trim();
    }
}
