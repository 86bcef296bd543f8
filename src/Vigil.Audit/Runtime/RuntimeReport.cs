using Vigil.Domain.Advisories;
using Vigil.Domain.NodeReleases;
using Vigil.Domain.Semver;

namespace Vigil.Audit.Runtime;

/// <summary>One core advisory that affects the runtime.</summary>
/// <param name="Id">The advisory id (<c>NSWG-COR-N</c>).</param>
/// <param name="Cves">Its CVE ids.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Summary">Its summary, or the first line of its details.</param>
/// <param name="FixedIn">The lowest release that fixes it, when one is known.</param>
/// <param name="Platforms">The platforms it affects (<c>all</c> when it does not say).</param>
public sealed record RuntimeAdvisory(string Id, IReadOnlyList<string> Cves, AdvisorySeverity Severity, string? Summary, NpmVersion? FixedIn, IReadOnlyList<string> Platforms);

/// <summary>Whether a Node.js version is vulnerable and whether its release line has reached its end of life.</summary>
/// <param name="Version">The version checked.</param>
/// <param name="Platform">The platform checked (<c>linux</c>, <c>win32</c>, …).</param>
/// <param name="Line">Its release line, when the schedule lists it.</param>
/// <param name="EndOfLife">Whether the line is past its end of life (a line the schedule does not list counts as past).</param>
/// <param name="Advisories">The advisories that affect this version on this platform, most severe first.</param>
public sealed record RuntimeReport(NpmVersion Version, string Platform, ReleaseLine? Line, bool EndOfLife, IReadOnlyList<RuntimeAdvisory> Advisories)
{
    /// <summary>Whether any advisory affects the version.</summary>
    public bool Vulnerable => Advisories.Count > 0;

    /// <summary>
    /// The lowest release that fixes every advisory found, within reach of the same line when one exists; null when
    /// some advisory has no known fix.
    /// </summary>
    public NpmVersion? FixedIn => Advisories.Count == 0 || Advisories.Any(a => a.FixedIn is null)
        ? null
        : Advisories.Select(a => a.FixedIn!).Max();
}
