using System.Text;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Domain.Tests.Osv.Matching;

public class OsvMatcherTests
{
    private static OsvRecord Record(string affected, string extra = "") => OsvJson.Read(Encoding.UTF8.GetBytes(
        $$"""{"id": "TEST-1", "modified": "2026-01-01T00:00:00Z", {{extra}} "affected": [{{affected}}]}"""));

    private static bool Affects(OsvRecord record, string version, string name = "pkg") =>
        OsvMatcher.Affects(record, "npm", name, NpmVersion.Parse(version, SemverOptions.Loose));

    [Theory]
    [InlineData("""{"introduced": "0"}""", "0.0.0", true)]
    [InlineData("""{"introduced": "0"}""", "99.0.0-rc.1", true)]
    [InlineData("""{"introduced": "0"}, {"fixed": "1.0.2"}""", "1.0.1", true)]
    [InlineData("""{"introduced": "0"}, {"fixed": "1.0.2"}""", "1.0.2", false)]
    [InlineData("""{"introduced": "0"}, {"fixed": "1.0.2"}""", "1.0.2-beta", true)]
    [InlineData("""{"introduced": "1.0.0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}""", "0.9.0", false)]
    [InlineData("""{"introduced": "1.0.0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}""", "2.0.0", false)]
    [InlineData("""{"introduced": "1.0.0"}, {"fixed": "1.0.2"}, {"introduced": "3.0.0"}, {"fixed": "3.2.5"}""", "3.1.0", true)]
    [InlineData("""{"introduced": "3.0.0"}, {"fixed": "3.2.5"}, {"introduced": "1.0.0"}, {"fixed": "1.0.2"}""", "1.0.1", true)]
    [InlineData("""{"introduced": "0"}, {"last_affected": "2.1.214"}""", "2.1.214", true)]
    [InlineData("""{"introduced": "0"}, {"last_affected": "2.1.214"}""", "2.1.215", false)]
    [InlineData("""{"introduced": "0"}, {"limit": "2.0.0"}""", "1.9.9", true)]
    [InlineData("""{"introduced": "0"}, {"limit": "2.0.0"}""", "2.0.0", false)]
    [InlineData("""{"introduced": "0"}, {"limit": "*"}""", "9.0.0", true)]
    [InlineData("""{"introduced": "0"}, {"fixed": "not-a-version"}""", "9.0.0", true)]
    public void Affects_FollowsTheSchemasEvaluation(string events, string version, bool expected)
    {
        var record = Record($$"""{"package": {"ecosystem": "npm", "name": "pkg"}, "ranges": [{"type": "SEMVER", "events": [{{events}}]}]}""");
        Assert.Equal(expected, Affects(record, version));
    }

    [Fact]
    public void Affects_ListedVersions()
    {
        var record = Record("""{"package": {"ecosystem": "npm", "name": "pkg"}, "versions": ["1.0.0", "1.0.1"]}""");
        Assert.True(Affects(record, "1.0.1"));
        Assert.True(Affects(record, "v1.0.1"));
        Assert.False(Affects(record, "1.0.2"));
    }

    [Fact]
    public void Affects_OnlyTheNamedPackageInTheNamedEcosystem()
    {
        var record = Record("""{"package": {"ecosystem": "Node.js", "name": "node"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}""");
        Assert.False(Affects(record, "1.0.0", name: "node"));
        Assert.True(OsvMatcher.Affects(record, "Node.js", "node", NpmVersion.Parse("1.0.0")));
    }

    [Fact]
    public void Affects_NeverForWithdrawnRecords()
    {
        var record = Record(
            """{"package": {"ecosystem": "npm", "name": "pkg"}, "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}""",
            """ "withdrawn": "2026-02-01T00:00:00Z", """);
        Assert.False(Affects(record, "1.0.0"));
    }

    [Fact]
    public void Affects_IgnoresGitRanges()
    {
        var record = Record("""{"package": {"ecosystem": "npm", "name": "pkg"}, "ranges": [{"type": "GIT", "repo": "https://example.org/r", "events": [{"introduced": "0"}]}]}""");
        Assert.False(Affects(record, "1.0.0"));
    }

    [Fact]
    public void Compile_ReportsUnreadableEvents()
    {
        var record = Record("""{"package": {"ecosystem": "npm", "name": "pkg"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "one"}]}]}""");
        var compiled = AffectedVersions.Compile(record.Affected![0]);
        Assert.Equal(["fixed: 'one' is not a version"], compiled.Problems);
    }
}
