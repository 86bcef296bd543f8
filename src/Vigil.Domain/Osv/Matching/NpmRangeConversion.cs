using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>
/// Writes an npm range as OSV <c>SEMVER</c> ranges that admit exactly the same versions (for ranges read with
/// <see cref="SemverOptions.IncludePrerelease"/>, as npm audit reads advisories; see <see cref="RangeIntervals"/>).
/// </summary>
/// <remarks>
/// Each interval becomes an <c>introduced</c> event and, when it ends, a <c>fixed</c> (exclusive end) or
/// <c>last_affected</c> (inclusive end) event. OSV has no exclusive start, so <c>&gt;v</c> starts at the first
/// version after <c>v</c> (<see cref="NpmVersion.Successor"/>). Intervals ending in <c>fixed</c> and those
/// ending in <c>last_affected</c> go into separate ranges, as the schema recommends not mixing them.
/// </remarks>
public static class NpmRangeConversion
{
    /// <summary>The OSV ranges of an npm range; empty when the range admits no version.</summary>
    public static IReadOnlyList<OsvRange> ToOsvRanges(NpmRange range) => ToOsvRanges(RangeIntervals.Of(range));

    /// <summary>The OSV ranges of sorted, disjoint intervals.</summary>
    public static IReadOnlyList<OsvRange> ToOsvRanges(IReadOnlyList<VersionInterval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var fixedEvents = new List<OsvEvent>();
        var lastAffectedEvents = new List<OsvEvent>();
        foreach (var interval in intervals)
        {
            string? introduced = Start(interval.Lower);
            if (introduced is null)
            {
                continue;
            }

            var upper = interval.Upper;
            var events = upper is { Inclusive: true } ? lastAffectedEvents : fixedEvents;
            events.Add(OsvEvent.Introduced(introduced));
            if (upper is not null)
            {
                string end = upper.Version.ToString();
                events.Add(upper.Inclusive ? OsvEvent.LastAffected(end) : OsvEvent.Fixed(end));
            }
        }

        var ranges = new List<OsvRange>(2);
        foreach (var events in new[] { fixedEvents, lastAffectedEvents })
        {
            if (events.Count > 0)
            {
                ranges.Add(new OsvRange { Type = OsvRangeType.Semver, Events = events });
            }
        }

        return ranges;
    }

    /// <summary>The <c>introduced</c> version of a lower end; null when nothing lies above an exclusive end.</summary>
    private static string? Start(VersionBound? lower) =>
        lower is null ? "0"
        : lower.Inclusive ? lower.Version.ToString()
        : lower.Version.Successor()?.ToString();
}
