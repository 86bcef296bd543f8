using Vigil.Domain.Semver;
using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// Vigil's checks of the version ranges: every range parses as npm's semver reads it (<c>loose</c>, as npm audit
/// does), and an npm record's <c>patched_versions</c> shares no version with its <c>vulnerable_versions</c>
/// (compared as intervals, with npm audit's options).
/// </summary>
/// <remarks>
/// Versions below <c>0.0.0</c> (the prereleases <c>0.0.0-x</c>) are left out of the overlap: the WG writes
/// "no fix" as <c>patched_versions: "&lt;0.0.0"</c>, which with npm audit's <c>includePrerelease</c> admits only
/// those, and no package publishes them. An overlap made only of prereleases is reported as such.
/// </remarks>
internal static class RangeRules
{
    private static readonly VersionInterval[] BelowZero = [new(null, new VersionBound(NpmVersion.Parse("0.0.0"), false))];

    public static IEnumerable<INswgRule> All =>
    [
        NswgRule.Create<NswgNpmRecord>("vigil/npm/semver-ranges", (r, c) =>
        {
            Parses(c, "vulnerable_versions", r.VulnerableVersions.Value);
            Parses(c, "patched_versions", r.PatchedVersions.Value);
        }),
        NswgRule.Create<NswgCoreRecord>("vigil/core/semver-ranges", (r, c) =>
        {
            Parses(c, "vulnerable", r.Vulnerable);
            Parses(c, "patched", r.Patched);
        }),
        NswgRule.Create<NswgNpmRecord>("vigil/npm/patched-not-vulnerable", PatchedNotVulnerable),
    ];

    private static void Parses(NswgRuleContext c, string field, string? range)
    {
        if (range is not null && !NpmRange.TryParse(range, SemverOptions.Loose, out _, out var error))
        {
            c.Report(field, $"{Show(range)} is not a valid npm semver range: {error}");
        }
    }

    private static void PatchedNotVulnerable(NswgNpmRecord r, NswgRuleContext c)
    {
        if (!NpmRange.TryParse(r.VulnerableVersions.Value, SemverOptions.NpmAudit, out var vulnerable, out _)
            || !NpmRange.TryParse(r.PatchedVersions.Value, SemverOptions.NpmAudit, out var patched, out _))
        {
            return;
        }

        var both = IntervalSubtraction.Subtract(IntervalSubtraction.Intersect(RangeIntervals.Of(vulnerable), RangeIntervals.Of(patched)), BelowZero);
        if (both.Count > 0)
        {
            var example = Example(both[0], v => vulnerable.IsSatisfiedBy(v) && patched.IsSatisfiedBy(v));
            var which = both.Any(HasRelease) ? string.Empty : " (only prereleases are, as npm audit reads ranges with includePrerelease)";
            c.Report("patched_versions", $"{Show(r.PatchedVersions.Value!)} overlaps vulnerable_versions {Show(r.VulnerableVersions.Value!)}: {example} is in both{which}");
        }
    }

    /// <summary>Whether the interval holds a release: its lowest version, or the release that follows it.</summary>
    private static bool HasRelease(VersionInterval interval)
    {
        var lowest = interval.Lowest!;
        return !lowest.IsPrerelease || interval.Contains(NpmVersion.Parse($"{lowest.Major}.{lowest.Minor}.{lowest.Patch}"));
    }

    /// <summary>A version of the interval, a release when there is one near its start: the start, its release, or the lowest version.</summary>
    private static NpmVersion Example(VersionInterval interval, Func<NpmVersion, bool> inBoth)
    {
        var lowest = interval.Lowest!;
        NpmVersion?[] candidates =
        [
            interval.Lower is { Inclusive: true, Version.IsPrerelease: false } lower ? lower.Version : null,
            NpmVersion.Parse($"{lowest.Major}.{lowest.Minor}.{lowest.Patch}"),
            interval.Upper is { Inclusive: true } upper ? upper.Version : null,
        ];
        return candidates.FirstOrDefault(v => v is not null && inBoth(v)) ?? lowest;
    }
}
