using System.Text.Json;
using Vigil.Audit.Ignoring;
using Vigil.Domain.Osv;
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
        var packages = lockfile.Packages.Where(p => !p.Type.IsOmitted(options.OmitDev, options.OmitOptional, options.OmitPeer)).ToList();
        var advisories = lookup.ForPackages(Ecosystem, [.. packages.Select(p => p.Name).Distinct(StringComparer.Ordinal)]);
        var byName = Index(advisories);
        var warnings = new List<string>(lockfile.Warnings);
        var findings = new List<Finding>();
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

            foreach (var (info, affected, versions, wgRange) in candidates)
            {
                if (versions.Contains(version))
                {
                    var fix = versions.LowestUnaffectedRelease(version);
                    findings.Add(new Finding(package, version, info, wgRange ?? RangeText.Describe(affected), fix, fix is not null && IsMajor(version, fix)));
                }
            }
        }

        var (reported, ignored, expired) = ApplyIgnores(findings, options);
        return new AuditReport(lockfile, packages.Count, Order(reported), ignored, expired, warnings, runtime);
    }

    private static Dictionary<string, List<(AdvisoryInfo Info, OsvAffected Affected, AffectedVersions Versions, string? WgRange)>> Index(IEnumerable<OsvRecord> advisories)
    {
        var byName = new Dictionary<string, List<(AdvisoryInfo, OsvAffected, AffectedVersions, string?)>>(StringComparer.Ordinal);
        foreach (var record in advisories.Where(r => r.Withdrawn is null))
        {
            AdvisoryInfo? info = null;
            foreach (var affected in record.Affected ?? [])
            {
                if (affected.Package is { Ecosystem: Ecosystem } package)
                {
                    info ??= Info(record);
                    if (!byName.TryGetValue(package.Name, out var list))
                    {
                        byName[package.Name] = list = [];
                    }

                    list.Add((info, affected, AffectedVersions.Compile(affected), WorkingGroupRange(record)));
                }
            }
        }

        return byName;
    }

    private static AdvisoryInfo Info(OsvRecord record)
    {
        var references = record.References ?? [];
        string? url = references.FirstOrDefault(r => r.Type.Value == OsvReferenceType.Advisory)?.Url ?? (references.Count > 0 ? references[0].Url : null);
        var cwes = record.DatabaseSpecific is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("cwe_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : [];
        return new AdvisoryInfo(record.Id, record.Aliases ?? [], record.Summary ?? record.Details?.Trim().Split('\n', 2)[0], AdvisorySeverity.Of(record), url, cwes);
    }

    /// <summary>The WG's own range text (<c>database_specific.nswg.vulnerable_versions</c>) for an advisory from the WG.</summary>
    private static string? WorkingGroupRange(OsvRecord record) =>
        record.DatabaseSpecific is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("nswg", out var nswg) &&
        nswg.ValueKind == JsonValueKind.Object && nswg.TryGetProperty("vulnerable_versions", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()
            : null;

    /// <summary>Whether <paramref name="fix"/> is outside <c>^version</c>.</summary>
    private static bool IsMajor(NpmVersion version, NpmVersion fix) =>
        !NpmRange.Parse("^" + version.ToString(), SemverOptions.NpmAudit).IsSatisfiedBy(fix);

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
