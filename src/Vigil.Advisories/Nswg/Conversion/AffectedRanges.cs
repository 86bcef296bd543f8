using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The OSV ranges of WG records, read as npm audit reads advisories (<see cref="SemverOptions.NpmAudit"/>):
/// npm records affect <c>vulnerable_versions</c>; core records affect <c>vulnerable</c> minus <c>patched</c>, as
/// is-my-node-vulnerable computes it. When that set cannot be known (a range is missing or does not parse) or is
/// empty, there are no ranges: the affected entry then has neither <c>ranges</c> nor <c>versions</c>, matches
/// no version, and the conversion says so in a warning.
/// </summary>
internal static class AffectedRanges
{
    private const string NoRanges = "the affected package gets no OSV ranges, so the record matches no version";

    public static IReadOnlyList<OsvRange>? Npm(NswgField<string> vulnerable, Action<string, string> warn)
    {
        if (!vulnerable.HasValue)
        {
            warn("vulnerable_versions", $"is {(vulnerable.IsNull ? "null" : "missing")}: {NoRanges}");
            return null;
        }

        if (!TryRead(vulnerable.Value!, "vulnerable_versions", warn, out var intervals))
        {
            return null;
        }

        return Ranges(intervals, () => warn("vulnerable_versions", $"{Quote(vulnerable.Value!)} admits no version: {NoRanges}"));
    }

    public static IReadOnlyList<OsvRange>? Core(string? vulnerable, string? patched, Action<string, string> warn)
    {
        if (vulnerable is null)
        {
            warn("vulnerable", $"is missing: {NoRanges}");
            return null;
        }

        if (!TryRead(vulnerable, "vulnerable", warn, out var affected))
        {
            return null;
        }

        IReadOnlyList<VersionInterval> fixedVersions = [];
        if (patched is not null && !TryRead(patched, "patched", warn, out fixedVersions))
        {
            return null;
        }

        return Ranges(
            IntervalSubtraction.Subtract(affected, fixedVersions),
            () => warn("vulnerable", $"{Quote(vulnerable)} minus patched {Quote(patched ?? string.Empty)} admits no version: {NoRanges}"));
    }

    private static bool TryRead(string text, string field, Action<string, string> warn, out IReadOnlyList<VersionInterval> intervals)
    {
        if (NpmRange.TryParse(text, SemverOptions.NpmAudit, out var range, out var error))
        {
            intervals = RangeIntervals.Of(range);
            return true;
        }

        warn(field, $"{Quote(text)} is not a valid npm semver range ({error}): {NoRanges}");
        intervals = [];
        return false;
    }

    private static IReadOnlyList<OsvRange>? Ranges(IReadOnlyList<VersionInterval> intervals, Action warnEmpty)
    {
        var ranges = NpmRangeConversion.ToOsvRanges(intervals);
        if (ranges.Count == 0)
        {
            warnEmpty();
            return null;
        }

        return ranges;
    }

    private static string Quote(string text) => Rules.SchemaChecks.Show(text);
}
