using Vigil.Domain.Semver;
using Vigil.Domain.Tests.Semver.Differential;

namespace Vigil.Domain.Tests.Semver;

public class IntervalSubtractionTests
{
    [Theory]
    [InlineData("20.x || 22.x", "^20.20.2 || ^22.22.2", "[20.0.0-0, 20.20.2) [22.0.0-0, 22.22.2)")]
    [InlineData("<=10", "^6.14.4 || ^8.11.4 || >=10.9.0", "[*, 6.14.4) [7.0.0-0, 8.11.4) [9.0.0-0, 10.9.0)")]
    [InlineData("*", "*", "")]
    [InlineData("1.2.3", "<1.0.0 || >2.0.0", "[1.2.3, 1.2.3]")]
    [InlineData(">=1.0.0", "1.5.0", "[1.0.0, 1.5.0) (1.5.0, *)")]
    [InlineData("<=1.2.3", ">=1.2.3", "[*, 1.2.3)")]
    [InlineData("<1.2.4-0", "<=1.2.3", "")]
    [InlineData(">=1.0.0 <2.0.0", "<0.0.0-0", "[1.0.0, 2.0.0)")]
    public void Subtract_GivesTheVersionsLeft(string from, string remove, string expected)
    {
        var left = IntervalSubtraction.Subtract(Intervals(from), Intervals(remove));
        Assert.Equal(expected, string.Join(' ', left.Select(Show)));
    }

    [Theory]
    [InlineData("<=1.0.0", ">=1.0.0", "[1.0.0, 1.0.0]")]
    [InlineData("<1.0.0", ">=1.0.0", "")]
    [InlineData("^1.0.0 || ^3.0.0", ">=1.5.0 <3.1.0", "[1.5.0, 2.0.0-0) [3.0.0, 3.1.0)")]
    public void Intersect_GivesTheVersionsInBoth(string a, string b, string expected) =>
        Assert.Equal(expected, string.Join(' ', IntervalSubtraction.Intersect(Intervals(a), Intervals(b)).Select(Show)));

    [Theory]
    [InlineData(null, true, "1.0.0", false, "0.0.0-0")]
    [InlineData("1.2.3", false, "2.0.0", false, "1.2.4-0")]
    [InlineData("1.2.3", true, "1.2.3", true, "1.2.3")]
    [InlineData("1.2.3", false, "1.2.4-0", false, null)]
    [InlineData(null, true, "0.0.0-0", false, null)]
    public void Lowest_IsTheFirstVersionInside(string? lower, bool lowerInclusive, string upper, bool upperInclusive, string? expected)
    {
        var interval = new VersionInterval(
            lower is null ? null : new VersionBound(NpmVersion.Parse(lower), lowerInclusive),
            new VersionBound(NpmVersion.Parse(upper), upperInclusive));
        Assert.Equal(expected, interval.Lowest?.ToString());
    }

    [Fact]
    public void Subtract_HoldsExactlyTheVersionsOfTheFirstRangeNotInTheSecond()
    {
        var generator = new SemverCaseGenerator(seed: 7);
        int pairs = 0, checks = 0;
        while (pairs < 5_000)
        {
            string a = generator.Range(), b = generator.Range();
            if (!NpmRange.TryParse(a, SemverOptions.NpmAudit, out var first, out _) ||
                !NpmRange.TryParse(b, SemverOptions.NpmAudit, out var second, out _))
            {
                continue;
            }

            pairs++;
            var difference = IntervalSubtraction.Subtract(RangeIntervals.Of(first), RangeIntervals.Of(second));
            var both = IntervalSubtraction.Intersect(RangeIntervals.Of(first), RangeIntervals.Of(second));
            AssertSortedAndDisjoint(difference, $"{a} - {b}");
            AssertSortedAndDisjoint(both, $"{a} & {b}");
            foreach (string v in generator.VersionsNear(a + " " + b).Append(generator.Version()))
            {
                if (NpmVersion.TryParse(v, SemverOptions.NpmAudit, out var version, out _))
                {
                    checks++;
                    bool inFirst = first.IsSatisfiedBy(version), inSecond = second.IsSatisfiedBy(version);
                    Assert.True((inFirst && !inSecond) == difference.Any(i => i.Contains(version)), $"{a} - {b} @ {v}");
                    Assert.True((inFirst && inSecond) == both.Any(i => i.Contains(version)), $"{a} & {b} @ {v}");
                }
            }
        }

        Assert.True(checks > 50_000, $"only {checks} checks");
    }

    private static void AssertSortedAndDisjoint(IReadOnlyList<VersionInterval> intervals, string label)
    {
        Assert.All(intervals, i => Assert.NotNull(i.Lowest));
        for (int i = 1; i < intervals.Count; i++)
        {
            var previous = intervals[i - 1].Upper;
            var next = intervals[i].Lower;
            Assert.True(previous is not null && next is not null, label);
            int c = previous!.Version.CompareTo(next!.Version);
            Assert.True(c < 0 || (c == 0 && !(previous.Inclusive && next.Inclusive)), label);
        }
    }

    private static IReadOnlyList<VersionInterval> Intervals(string range) => RangeIntervals.Of(NpmRange.Parse(range, SemverOptions.NpmAudit));

    private static string Show(VersionInterval i) =>
        (i.Lower is null ? "[*" : (i.Lower.Inclusive ? "[" : "(") + i.Lower.Version) + ", " +
        (i.Upper is null ? "*)" : i.Upper.Version + (i.Upper.Inclusive ? "]" : ")"));
}
