using static Vigil.Domain.Semver.Internal.VersionBounds;

namespace Vigil.Domain.Semver;

/// <summary>
/// Turns a range into the ordered, disjoint intervals of versions it admits: the form OSV's
/// <c>introduced</c>/<c>fixed</c>/<c>last_affected</c> events can express.
/// </summary>
/// <remarks>
/// Exact only for ranges read with <see cref="SemverOptions.IncludePrerelease"/>: without it, node-semver also
/// refuses prereleases that no comparator names, which no interval can say. npm audit reads advisory ranges
/// with that option, so the advisories' ranges convert exactly.
/// </remarks>
public static class RangeIntervals
{
    /// <summary>The intervals of <paramref name="range"/>, sorted, disjoint and not touching.</summary>
    /// <exception cref="ArgumentException">The range was read without <see cref="SemverOptions.IncludePrerelease"/>.</exception>
    public static IReadOnlyList<VersionInterval> Of(NpmRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if ((range.Options & SemverOptions.IncludePrerelease) == 0)
        {
            throw new ArgumentException("Intervals are exact only for ranges read with IncludePrerelease.", nameof(range));
        }

        var intervals = range.Sets.Select(Intersect).Where(i => !i.IsEmpty).ToList();
        intervals.Sort((a, b) => CompareLower(a.Lower, b.Lower));
        var merged = new List<VersionInterval>();
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && Touches(merged[^1], interval))
            {
                merged[^1] = merged[^1] with { Upper = HigherUpper(merged[^1].Upper, interval.Upper) };
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    private static VersionInterval Intersect(IReadOnlyList<Comparator> set)
    {
        VersionBound? lower = null, upper = null;
        foreach (var c in set)
        {
            var v = c.Version;
            switch (c.Operator)
            {
                case ComparatorOperator.Any:
                    break;
                case ComparatorOperator.Equal:
                    lower = HigherLower(lower, new VersionBound(v!, true));
                    upper = LowerUpper(upper, new VersionBound(v!, true));
                    break;
                case ComparatorOperator.Greater or ComparatorOperator.GreaterOrEqual:
                    lower = HigherLower(lower, new VersionBound(v!, c.Operator == ComparatorOperator.GreaterOrEqual));
                    break;
                case ComparatorOperator.Less or ComparatorOperator.LessOrEqual:
                    upper = LowerUpper(upper, new VersionBound(v!, c.Operator == ComparatorOperator.LessOrEqual));
                    break;
            }
        }

        return new VersionInterval(lower, upper);
    }

    /// <summary>Whether <paramref name="next"/> (which starts no earlier) overlaps or adjoins <paramref name="current"/>.</summary>
    private static bool Touches(VersionInterval current, VersionInterval next)
    {
        if (current.Upper is null || next.Lower is null)
        {
            return true;
        }

        int c = current.Upper.Version.CompareTo(next.Lower.Version);
        return c > 0 || (c == 0 && (current.Upper.Inclusive || next.Lower.Inclusive));
    }
}
