using Vigil.Domain.Advisories;
using Vigil.Domain.Semver;
using Vigil.Lockfiles;

namespace Vigil.Audit;

/// <summary>One vulnerable package version and one advisory that affects it.</summary>
/// <param name="Package">The package as the lockfile resolves it (name, version, type, paths, workspaces).</param>
/// <param name="Version">Its version, read as npm reads it.</param>
/// <param name="Advisory">The advisory.</param>
/// <param name="VulnerableRange">The versions the advisory affects, as an npm range.</param>
/// <param name="FixedIn">The lowest release above the version that the advisory does not affect; null when there is none yet.</param>
/// <param name="FixIsMajor">Whether that release is outside <c>^version</c>: a semver-major upgrade of the package.</param>
public sealed record Finding(ResolvedPackage Package, NpmVersion Version, AdvisoryFacts Advisory, string VulnerableRange, NpmVersion? FixedIn, bool FixIsMajor)
{
    /// <summary>Whether only development dependencies bring the package in.</summary>
    public bool Dev => Package.Type.HasFlag(DependencyType.Dev);
}
