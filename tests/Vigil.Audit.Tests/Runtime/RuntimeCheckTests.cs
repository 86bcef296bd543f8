using System.Text;
using System.Text.Json;
using Vigil.Audit.Runtime;
using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Audit.Tests.Runtime;

public class RuntimeCheckTests
{
    private static readonly RuntimeCheck Check = new(WorkingGroupCore.Records);

    [Fact]
    public void AgreesWithIsMyNodeVulnerable_OnEveryReleaseOfEveryLine_OnEveryPlatform()
    {
        var versions = new List<string>();
        foreach (var line in WorkingGroupCore.Schedule.Lines)
        {
            string[] parts = line.Key.TrimStart('v').Split('.');
            long major = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            IEnumerable<long> minors = parts.Length > 1 ? [long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)] : Enumerable.Range(0, 26).Select(m => (long)m);
            foreach (long minor in minors)
            {
                for (int patch = 0; patch <= 40; patch += major == 0 ? 1 : 2)
                {
                    versions.Add($"{major}.{minor}.{patch}");
                }
            }
        }

        string platforms = JsonSerializer.Serialize(RuntimeCheck.Platforms);
        var input = new StringBuilder();
        foreach (string version in versions)
        {
            input.Append($$"""{"v":"{{version}}","p":{{platforms}}}""").Append('\n');
        }

        string tool = NodeTools.Tool("semver-oracle");
        string[] expected = NodeTools.RunNode(tool, "runtime-oracle.js", input.ToString(), TimeSpan.FromMinutes(5), WorkingGroupCore.Folder)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(versions.Count, expected.Length);

        int cases = 0, affectedCases = 0;
        for (int i = 0; i < versions.Count; i++)
        {
            using var node = JsonDocument.Parse(expected[i]);
            for (int p = 0; p < RuntimeCheck.Platforms.Count; p++)
            {
                string platform = RuntimeCheck.Platforms[p];
                var report = Check.Check(NpmVersion.Parse(versions[i]), platform, WorkingGroupCore.Schedule, new DateOnly(2026, 11, 29));
                var ids = report.Advisories.Select(a => long.Parse(a.Id["NSWG-COR-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order();
                var oracle = node.RootElement[p].EnumerateArray().Select(e => e.GetInt64());
                Assert.True(ids.SequenceEqual(oracle), $"{versions[i]} on {platform}: vigil [{string.Join(",", ids)}], is-my-node-vulnerable [{string.Join(",", oracle)}]");
                cases++;
                affectedCases += report.Vulnerable ? 1 : 0;
            }
        }

        Assert.True(cases > 20_000 && affectedCases > 5_000, $"{cases} cases, {affectedCases} affected");
    }

    [Theory]
    [InlineData("20.20.2", "2026-11-29", true)]
    [InlineData("24.11.0", "2026-11-29", false)]
    [InlineData("0.12.18", "2026-11-29", true)]
    [InlineData("22.1.0", "2027-04-30", false)]
    [InlineData("22.1.0", "2027-05-01", true)]
    [InlineData("99.0.0", "2026-11-29", false)]
    [InlineData("3.0.0", "2026-11-29", true)]
    public void EndOfLife_FollowsTheSchedule(string version, string today, bool expected)
    {
        var report = Check.Check(NpmVersion.Parse(version), "linux", WorkingGroupCore.Schedule, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, report.EndOfLife);
    }

    [Fact]
    public void PlatformMatters()
    {
        // Some core records affect only win32: there is a version where win32 has more findings than linux.
        var schedule = WorkingGroupCore.Schedule;
        bool differs = Enumerable.Range(0, 30).Any(patch =>
        {
            var v = NpmVersion.Parse($"18.{patch}.0");
            return Check.Check(v, "win32", schedule, new DateOnly(2026, 1, 1)).Advisories.Count > Check.Check(v, "linux", schedule, new DateOnly(2026, 1, 1)).Advisories.Count;
        });
        Assert.True(differs);
    }

    [Fact]
    public void FixedIn_IsAReleaseThatNoFoundAdvisoryAffects()
    {
        var report = Check.Check(NpmVersion.Parse("18.0.0"), "linux", WorkingGroupCore.Schedule, new DateOnly(2026, 1, 1));
        Assert.True(report.Vulnerable);
        var fix = Assert.IsType<NpmVersion>(report.FixedIn);
        Assert.Equal(18, fix.Major);
        var after = Check.Check(fix, "linux", WorkingGroupCore.Schedule, new DateOnly(2026, 1, 1));
        Assert.DoesNotContain(after.Advisories, a => report.Advisories.Any(b => b.Id == a.Id));
    }
}
