using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;
using Vigil.Domain.Tests.Semver.Differential;

namespace Vigil.Domain.Tests.Osv.Matching;

public class NpmRangeConversionTests
{
    [Theory]
    [InlineData("<4.17.5", "SEMVER introduced:0 fixed:4.17.5")]
    [InlineData("<=2.0.0", "SEMVER introduced:0 last_affected:2.0.0")]
    [InlineData(">1.2.3 <2.0.0 || >=3.0.0", "SEMVER introduced:1.2.4-0 fixed:2.0.0 introduced:3.0.0")]
    [InlineData("<1.0.0 || 2.0.x || >=3.0.0 <=3.1.0", "SEMVER introduced:0 fixed:1.0.0 introduced:2.0.0-0 fixed:2.1.0-0 | SEMVER introduced:3.0.0 last_affected:3.1.0")]
    [InlineData("<1.0.0 || 2.0.x || <=3.0.0-beta", "SEMVER introduced:0 last_affected:3.0.0-beta")]
    [InlineData("<0.0.0-0", "")]
    public void ToOsvRanges_WritesEvents(string range, string expected)
    {
        var ranges = NpmRangeConversion.ToOsvRanges(NpmRange.Parse(range, SemverOptions.NpmAudit));
        Assert.Equal(expected, string.Join(" | ", ranges.Select(r => r.Type + " " + string.Join(' ', r.Events.Select(e => e.Kind + ":" + e.Version)))));
    }

    [Fact]
    public void OsvEvaluation_EqualsNpmSatisfies_OnGeneratedRanges()
    {
        int checks = 0;
        foreach (var (text, range, versions) in GeneratedRanges.Take(seed: 99, count: 20_000))
        {
            var affected = AffectedVersions.Compile(new OsvAffected { Ranges = NpmRangeConversion.ToOsvRanges(range) });
            Assert.Empty(affected.Problems);
            foreach (var version in versions)
            {
                checks++;
                Assert.True(range.IsSatisfiedBy(version) == affected.Contains(version), $"{text} @ {version}");
            }
        }

        Assert.True(checks > 50_000, $"only {checks} checks");
    }
}

public class LowestUnaffectedReleaseTests
{
    [Theory]
    [InlineData("<4.17.5", "4.17.4", "4.17.5")]
    [InlineData("<=2.0.0", "1.0.0", "2.0.1")]
    [InlineData(">=1.0.0 <1.2.0 || >=1.2.0 <2.0.0-0", "1.0.0", "2.0.0")]
    [InlineData("2.0.x", "2.0.3", "2.1.0")]
    [InlineData("<1.0.0 || 1.0.x || >=1.1.0 <=1.1.5", "0.5.0", "1.1.6")]
    [InlineData("<=3.0.0-beta.2", "3.0.0-beta.1", "3.0.0")]
    [InlineData("*", "1.0.0", null)]
    [InlineData(">=2.0.0", "2.5.0", null)]
    public void LowestUnaffectedRelease_IsTheUpgradeTarget(string range, string version, string? expected)
    {
        var affected = AffectedVersions.Compile(new OsvAffected { Ranges = NpmRangeConversion.ToOsvRanges(NpmRange.Parse(range, SemverOptions.NpmAudit)) });
        var fix = affected.LowestUnaffectedRelease(NpmVersion.Parse(version));
        Assert.Equal(expected, fix?.ToString());
        if (fix is not null)
        {
            Assert.False(affected.Contains(fix));
        }
    }

    [Fact]
    public void LowestUnaffectedRelease_IsNeverAffected_AndNothingBelowItIsAReleaseOutside()
    {
        foreach (var (text, range, versions) in GeneratedRanges.Take(seed: 3, count: 3_000))
        {
            var affected = AffectedVersions.Compile(new OsvAffected { Ranges = NpmRangeConversion.ToOsvRanges(range) });
            foreach (var version in versions.Where(affected.Contains))
            {
                var fix = affected.LowestUnaffectedRelease(version);
                if (fix is null)
                {
                    continue;
                }

                Assert.True(fix > version && !affected.Contains(fix) && !fix.IsPrerelease, $"{text} @ {version} -> {fix}");
                foreach (var other in versions.Where(v => !v.IsPrerelease && v > version && v < fix))
                {
                    Assert.True(affected.Contains(other), $"{text} @ {version}: {other} is unaffected and below {fix}");
                }
            }
        }
    }
}
