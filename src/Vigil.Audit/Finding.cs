using Vigil.Domain.Semver;
using Vigil.Lockfiles;

namespace Vigil.Audit;

/// <summary>What an advisory says, as a finding shows it.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Aliases">Its aliases (CVE, GHSA, ...).</param>
/// <param name="Summary">Its summary, or the first line of its details.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Url">Where to read it: its ADVISORY reference, else its first reference; null when it has none.</param>
/// <param name="Cwes">The weaknesses it names (<c>CWE-1321</c>), when the source says.</param>
public sealed record AdvisoryInfo(string Id, IReadOnlyList<string> Aliases, string? Summary, AdvisorySeverity Severity, string? Url, IReadOnlyList<string> Cwes);

/// <summary>One vulnerable package version and one advisory that affects it.</summary>
/// <param name="Package">The package as the lockfile resolves it (name, version, type, paths, workspaces).</param>
/// <param name="Version">Its version, read as npm reads it.</param>
/// <param name="Advisory">The advisory.</param>
/// <param name="VulnerableRange">The versions the advisory affects, as an npm range.</param>
/// <param name="FixedIn">The lowest release above the version that the advisory does not affect; null when there is none yet.</param>
/// <param name="FixIsMajor">Whether that release is outside <c>^version</c>: a semver-major upgrade of the package.</param>
public sealed record Finding(ResolvedPackage Package, NpmVersion Version, AdvisoryInfo Advisory, string VulnerableRange, NpmVersion? FixedIn, bool FixIsMajor)
{
    /// <summary>Whether only development dependencies bring the package in.</summary>
    public bool Dev => Package.Type.HasFlag(DependencyType.Dev);
}
