using System.Text;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Domain.Tests.Osv.Matching;

/// <summary>
/// The compact form is read straight into compiled versions: whatever an entry says, reading its compact form must
/// answer as compiling the entry itself does.
/// </summary>
public class AffectedIndexTests
{
    private static readonly string[] Probes =
    [
        "0.0.0", "0.0.1", "0.9.9", "1.0.0-alpha", "1.0.0", "1.0.1", "1.0.2-beta.1", "1.0.2", "1.5.0", "2.0.0-rc.1",
        "2.0.0", "2.1.214", "2.1.215", "3.0.0", "3.1.0", "3.2.5", "3.2.5-0", "4.0.0", "9.0.0", "99.0.0-rc.1", "v1.0.1",
    ];

    [Theory]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.2"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "3.0.0"}, {"fixed": "3.2.5"}, {"introduced": "1.0.0"}, {"fixed": "1.0.2"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"introduced": "1.0.0"}, {"fixed": "2.0.0"}, {"last_affected": "2.0.0"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "2.1.214"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"limit": "2.0.0"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"limit": "*"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "not-a-version"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "2.0.0-rc.1"}, {"fixed": "3.2.5-0"}]}, {"type": "GIT", "repo": "https://example.com/r", "events": [{"introduced": "abc"}]}]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}, {"type": "SEMVER", "events": []}, {"type": "SEMVER", "events": [{"introduced": "4.0.0"}]}]}""")]
    [InlineData("""{"versions": ["1.0.0", "1.0.1", "v3.1.0", "not a version", "garbage"]}""")]
    [InlineData("""{"ranges": [{"type": "SEMVER", "events": [{"introduced": "9.0.0"}]}], "versions": ["1.0.2-beta.1", "2.1.215"]}""")]
    public void Read_AnswersAsTheEntryItself(string affected)
    {
        var entry = OsvJson.Read(Encoding.UTF8.GetBytes(
            $$"""{"id": "TEST-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "npm", "name": "pkg"}, {{affected[1..^1]}}}]}""")).Affected![0];
        var direct = AffectedVersions.Compile(entry);
        var read = AffectedIndex.Read(AffectedIndex.Write(entry));
        foreach (string probe in Probes)
        {
            var version = NpmVersion.Parse(probe, SemverOptions.Loose);
            Assert.Equal(direct.Contains(version), read.Contains(version));
            Assert.Equal(direct.LowestUnaffectedRelease(version)?.ToString(), read.LowestUnaffectedRelease(version)?.ToString());
        }

        Assert.Equal(direct.Problems, read.Problems);
    }

    [Fact]
    public void Read_ToleratesStraySpacesAndBlankLines()
    {
        var read = AffectedIndex.Read("\n  introduced:0   fixed:1.0.2 \n\n versions:  3.0.0 \n");
        Assert.True(read.Contains(NpmVersion.Parse("1.0.1")));
        Assert.False(read.Contains(NpmVersion.Parse("1.0.2")));
        Assert.True(read.Contains(NpmVersion.Parse("3.0.0")));
        Assert.Empty(read.Problems);
    }

    [Fact]
    public void Read_ReportsWhatItCannotRead()
    {
        var read = AffectedIndex.Read("introduced:0 fixed:x.y sometime:1.0.0\n");
        Assert.Equal(["fixed: 'x.y' is not a version", "unknown event 'sometime'"], read.Problems);
        Assert.True(read.Contains(NpmVersion.Parse("5.0.0")));
    }
}
