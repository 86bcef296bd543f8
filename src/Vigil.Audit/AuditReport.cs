using Vigil.Audit.Ignoring;
using Vigil.Audit.Runtime;
using Vigil.Domain.Advisories;
using Vigil.Lockfiles;

namespace Vigil.Audit;

/// <summary>A finding an ignore entry covers.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Rule">The entry.</param>
public sealed record IgnoredFinding(Finding Finding, IgnoreRule Rule);

/// <summary>What an audit found.</summary>
/// <param name="Lockfile">The lockfile audited.</param>
/// <param name="Audited">How many packages were checked (after <c>--omit</c>).</param>
/// <param name="Findings">The findings, most severe first, then by package.</param>
/// <param name="Ignored">Findings covered by an ignore entry.</param>
/// <param name="ExpiredIgnores">Ignore entries past their expiry date: they no longer hide anything.</param>
/// <param name="Warnings">What the audit could not check (versions that are not versions) and what the reader warned of.</param>
/// <param name="Runtime">The Node.js runtime the project pins, checked, when it pins one.</param>
public sealed record AuditReport(
    Lockfile Lockfile,
    int Audited,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<IgnoredFinding> Ignored,
    IReadOnlyList<IgnoreRule> ExpiredIgnores,
    IReadOnlyList<string> Warnings,
    RuntimeFinding? Runtime)
{
    /// <summary>How many findings have each level.</summary>
    public IReadOnlyDictionary<SeverityLevel, int> CountBySeverity =>
        Enum.GetValues<SeverityLevel>().ToDictionary(level => level, level => Findings.Count(f => f.Advisory.Severity.Level == level));

    /// <summary>Whether anything at or above <paramref name="level"/> was found (runtime advisories included).</summary>
    public bool HasFindingsAtOrAbove(SeverityLevel level) =>
        Findings.Any(f => f.Advisory.Severity.Rank >= level) ||
        (Runtime?.Report.Advisories.Any(a => a.Severity.Rank >= level) ?? false);
}

/// <summary>The runtime a project pins and what its check found.</summary>
/// <param name="Source">Where the version came from (<c>.nvmrc</c>, …).</param>
/// <param name="Report">The check.</param>
public sealed record RuntimeFinding(string Source, RuntimeReport Report);
