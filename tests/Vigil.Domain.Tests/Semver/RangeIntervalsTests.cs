using Vigil.Domain.Semver;
using Vigil.Domain.Tests.Semver.Differential;

namespace Vigil.Domain.Tests.Semver;

public class RangeIntervalsTests
{
    [Theory]
    [InlineData("<4.17.5", "[*, 4.17.5)")]
    [InlineData(">=1.0.0 <1.2.0 || >=1.1.0 <2.0.0", "[1.0.0, 2.0.0)")]
    [InlineData("1.2.3 || 1.2.3", "[1.2.3, 1.2.3]")]
    [InlineData(">1.2.3", "(1.2.3, *)")]
    [InlineData("<1.0.0 >2.0.0", "")]
    [InlineData("*", "[*, *)")]
    [InlineData("^1.2.3 || ^2.0.0", "[1.2.3, 2.0.0-0) [2.0.0, 3.0.0-0)")]
    [InlineData("<=1.0.0 || >=1.0.0", "[*, *)")]
    [InlineData("<1.0.0 || >1.0.0", "[*, 1.0.0) (1.0.0, *)")]
    public void Of_GivesSortedDisjointIntervals(string range, string expected)
    {
        var intervals = RangeIntervals.Of(NpmRange.Parse(range, SemverOptions.NpmAudit));
        Assert.Equal(expected, string.Join(' ', intervals.Select(Show)));
    }

    private static string Show(VersionInterval i) =>
        (i.Lower is null ? "[*" : (i.Lower.Inclusive ? "[" : "(") + i.Lower.Version) + ", " +
        (i.Upper is null ? "*)" : i.Upper.Version + (i.Upper.Inclusive ? "]" : ")"));

    [Fact]
    public void Of_RejectsRangesReadWithoutIncludePrerelease() =>
        Assert.Throws<ArgumentException>(() => RangeIntervals.Of(NpmRange.Parse("^1.0.0")));

    [Fact]
    public void Intervals_AdmitExactlyTheVersionsTheRangeAdmits()
    {
        int checks = 0;
        foreach (var (text, range, versions) in GeneratedRanges.Take(seed: 42, count: 20_000))
        {
            var intervals = RangeIntervals.Of(range);
            for (int i = 1; i < intervals.Count; i++)
            {
                Assert.True(intervals[i - 1].Upper is not null && intervals[i].Lower is not null, text);
                Assert.True(intervals[i - 1].Upper!.Version <= intervals[i].Lower!.Version, text);
            }

            foreach (var version in versions)
            {
                checks++;
                Assert.True(range.IsSatisfiedBy(version) == intervals.Any(i => i.Contains(version)), $"{text} @ {version}");
            }
        }

        Assert.True(checks > 50_000, $"only {checks} checks");
    }

    [Theory]
    [InlineData("1.2.3", "1.2.4-0")]
    [InlineData("1.2.3-alpha", "1.2.3-alpha.0")]
    [InlineData("0.0.9007199254740991", "0.1.0-0")]
    public void Successor_IsTheNextVersion(string version, string expected) =>
        Assert.Equal(expected, NpmVersion.Parse(version).Successor()!.ToString());

    [Fact]
    public void Successor_NothingLiesBetween()
    {
        var generator = new SemverCaseGenerator(seed: 5);
        var versions = new List<NpmVersion>();
        while (versions.Count < 3_000)
        {
            if (NpmVersion.TryParse(generator.Version(), SemverOptions.Loose, out var v, out _))
            {
                versions.Add(v);
                versions.AddRange(new[] { v.Successor(), v.Successor()?.Successor() }.OfType<NpmVersion>());
            }
        }

        foreach (var v in versions.Take(1_000))
        {
            var next = v.Successor()!;
            Assert.True(next > v, v.ToString());
            foreach (var w in versions)
            {
                Assert.True((w > v) == (w >= next), $"{w} between {v} and {next}");
            }
        }
    }
}
