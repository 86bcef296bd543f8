using System.Runtime.InteropServices;
using Vigil.Audit.Ignoring;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;
using Vigil.Lockfiles;

namespace Vigil.Audit;

/// <summary>
/// Matches a lockfile's packages against advisories with npm audit's semantics: every registry package the
/// lockfile resolves (aliases under their real name), its version read loosely, ranges with prereleases included,
/// packages left out by <c>--omit</c> as npm leaves them out.
/// </summary>
public sealed class Auditor(IAdvisoryLookup lookup)
{
    /// <summary>The ecosystem of npm packages.</summary>
    public const string Ecosystem = "npm";

    /// <summary>Audits the lockfile.</summary>
    public AuditReport Audit(Lockfile lockfile, AuditOptions options, RuntimeFinding? runtime = null)
    {
        ArgumentNullException.ThrowIfNull(lockfile);
        ArgumentNullException.ThrowIfNull(options);
        var packages = new List<ResolvedPackage>(lockfile.Packages.Length);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in lockfile.Packages)
        {
            if (!package.Type.IsOmitted(options.OmitDev, options.OmitOptional, options.OmitPeer))
            {
                packages.Add(package);
                names.Add(package.Name);
            }
        }

        var entries = lookup.AffectedEntries(Ecosystem, names);
        var byName = new Dictionary<string, List<AffectedEntry>>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byName, entry.Name, out _);
            (list ??= []).Add(entry);
        }

        // Advisories repeat the same few ranges: each distinct compact form is compiled once, and only when asked.
        var compiled = new Dictionary<string, AffectedVersions>(entries.Count, StringComparer.Ordinal);
        var warnings = new List<string>(lockfile.Warnings);
        var hits = new List<(ResolvedPackage Package, NpmVersion Version, AffectedEntry Entry, NpmVersion? Fix)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var package in packages)
        {
            if (!byName.TryGetValue(package.Name, out var candidates))
            {
                continue;
            }

            if (!NpmVersion.TryParse(package.Version, SemverOptions.Loose, out var version, out _))
            {
                warnings.Add($"{package.Name}: '{package.Version}' is not a version, so no advisory can match it");
                continue;
            }

            foreach (var entry in candidates)
            {
                ref var versions = ref CollectionsMarshal.GetValueRefOrAddDefault(compiled, entry.Events, out _);
                versions ??= entry.Versions();
                if (versions.Contains(version))
                {
                    hits.Add((package, version, entry, versions.LowestUnaffectedRelease(version)));
                    ids.Add(entry.AdvisoryId);
                }
            }
        }

        var facts = lookup.Facts(ids);
        var findings = new List<Finding>(hits.Count);
        foreach (var (package, version, entry, fix) in hits)
        {
            if (facts.TryGetValue(entry.AdvisoryId, out var advisory))
            {
                findings.Add(new Finding(package, version, advisory, entry.RangeText, fix, fix is not null && IsMajor(version, fix)));
            }
        }

        var (reported, ignored, expired) = ApplyIgnores(findings, options);
        return new AuditReport(lockfile, packages.Count, Order(reported), ignored, expired, warnings, runtime);
    }

    /// <summary>
    /// Whether <paramref name="fix"/> lies beyond <c>^version</c> (npm's compatible updates): a new major for 1.x and
    /// later, a new minor for 0.x, a new patch for 0.0.x.
    /// </summary>
    internal static bool IsMajor(NpmVersion version, NpmVersion fix) =>
        version.Major > 0 ? fix.Major != version.Major
        : version.Minor > 0 ? fix.Major != 0 || fix.Minor != version.Minor
        : fix.Major != 0 || fix.Minor != 0 || fix.Patch != version.Patch;

    private static (List<Finding> Reported, List<IgnoredFinding> Ignored, List<IgnoreRule> Expired) ApplyIgnores(List<Finding> findings, AuditOptions options)
    {
        var active = options.Ignore.Rules.Where(r => !r.IsExpired(options.Today)).ToList();
        var expired = options.Ignore.Rules.Where(r => r.IsExpired(options.Today)).ToList();
        var reported = new List<Finding>();
        var ignored = new List<IgnoredFinding>();
        foreach (var finding in findings)
        {
            if (active.FirstOrDefault(r => r.Covers(finding)) is { } rule)
            {
                ignored.Add(new IgnoredFinding(finding, rule));
            }
            else
            {
                reported.Add(finding);
            }
        }

        return (reported, ignored, expired);
    }

    private static List<Finding> Order(IEnumerable<Finding> findings) =>
        [.. findings
            .OrderByDescending(f => f.Advisory.Severity.Rank)
            .ThenBy(f => f.Package.Name, StringComparer.Ordinal)
            .ThenBy(f => f.Version)
            .ThenBy(f => f.Advisory.Id, StringComparer.Ordinal)];
}
