using Vigil.Domain.Semver.Internal;

namespace Vigil.Domain.Semver;

/// <summary>
/// Set difference of version intervals: the versions of one list of intervals that lie in none of another's.
/// Used where a set of versions is "affected minus fixed", as the WG's core records say it
/// (<c>vulnerable</c> minus <c>patched</c>).
/// </summary>
public static class IntervalSubtraction
{
    /// <summary>
    /// The versions in <paramref name="from"/> and in none of <paramref name="remove"/>, as sorted, disjoint
    /// intervals (each input sorted and disjoint, as <see cref="RangeIntervals.Of(NpmRange)"/> gives them).
    /// Intervals that hold no version are left out, including those like <c>(1.2.3, 1.2.4-0)</c> that only look
    /// open: nothing lies between a version and its <see cref="NpmVersion.Successor"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<VersionInterval> Subtract(IReadOnlyList<VersionInterval> from, IReadOnlyList<VersionInterval> remove)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(remove);
        var result = new List<VersionInterval>();
        foreach (var interval in from)
        {
            var pieces = new List<VersionInterval> { interval };
            foreach (var cut in remove)
            {
                pieces = [.. pieces.SelectMany(piece => Cut(piece, cut))];
            }

            result.AddRange(pieces);
        }

        return result;
    }

    /// <summary>The versions that lie in both lists of intervals: <paramref name="a"/> minus what of it is not in <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IReadOnlyList<VersionInterval> Intersect(IReadOnlyList<VersionInterval> a, IReadOnlyList<VersionInterval> b) =>
        Subtract(a, Subtract(a, b));

    /// <summary>What is left of <paramref name="piece"/> below and above <paramref name="cut"/>.</summary>
    private static IEnumerable<VersionInterval> Cut(VersionInterval piece, VersionInterval cut)
    {
        if (cut.Lower is not null)
        {
            var below = new VersionInterval(piece.Lower, VersionBounds.LowerUpper(piece.Upper, new VersionBound(cut.Lower.Version, !cut.Lower.Inclusive)));
            if (!below.IsEmpty)
            {
                yield return below;
            }
        }

        if (cut.Upper is not null)
        {
            var above = new VersionInterval(VersionBounds.HigherLower(piece.Lower, new VersionBound(cut.Upper.Version, !cut.Upper.Inclusive)), piece.Upper);
            if (!above.IsEmpty)
            {
                yield return above;
            }
        }
    }
}
