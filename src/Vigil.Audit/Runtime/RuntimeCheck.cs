using System.Text.Json;
using Vigil.Domain.Advisories;
using Vigil.Domain.NodeReleases;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Osv;
using Vigil.Domain.Semver;

namespace Vigil.Audit.Runtime;

/// <summary>
/// Is this Node.js vulnerable? Matches the core advisories (ecosystem <c>Node.js</c>, package <c>node</c>): a
/// version is affected when it is inside the advisory's vulnerable versions and not its patched ones (the
/// conversion already subtracted them), on an affected platform; and tells end-of-life lines from the release
/// schedule. A version whose line the schedule does not list is past its end of life, unless it is newer than
/// every line listed (a schedule older than the version cannot tell).
/// </summary>
public sealed class RuntimeCheck
{
    /// <summary>The OSV ecosystem of Node.js core advisories.</summary>
    public const string Ecosystem = "Node.js";

    /// <summary>The package name of Node.js core in that ecosystem.</summary>
    public const string PackageName = "node";

    private readonly List<(OsvRecord Record, AffectedVersions Versions, IReadOnlyList<string> Platforms)> _entries = [];

    /// <summary>Prepares the check over these advisories (those that do not name Node.js core are ignored).</summary>
    public RuntimeCheck(IEnumerable<OsvRecord> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        foreach (var record in advisories.Where(r => r.Withdrawn is null))
        {
            foreach (var affected in record.Affected ?? [])
            {
                if (affected.Package is { Ecosystem: Ecosystem, Name: PackageName })
                {
                    _entries.Add((record, AffectedVersions.Compile(affected), PlatformsOf(affected)));
                }
            }
        }
    }

    /// <summary>The platforms Node.js reports in <c>process.platform</c> that the WG's records name.</summary>
    public static IReadOnlyList<string> Platforms { get; } = ["aix", "android", "darwin", "freebsd", "linux", "openbsd", "sunos", "win32"];

    /// <summary>Checks <paramref name="version"/> on <paramref name="platform"/>.</summary>
    public RuntimeReport Check(NpmVersion version, string platform, ReleaseSchedule schedule, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(schedule);
        var found = new Dictionary<string, RuntimeAdvisory>(StringComparer.Ordinal);
        foreach (var (record, versions, platforms) in _entries)
        {
            if (!found.ContainsKey(record.Id) &&
                (platforms.Contains("all") || platforms.Contains(platform)) && versions.Contains(version))
            {
                found[record.Id] = new RuntimeAdvisory(
                    record.Id,
                    [.. (record.Aliases ?? []).Where(a => a.StartsWith("CVE-", StringComparison.Ordinal))],
                    AdvisorySeverity.Of(record),
                    record.Summary ?? record.Details?.Trim().Split('\n', 2)[0],
                    versions.LowestUnaffectedRelease(version),
                    platforms);
            }
        }

        var line = schedule.LineOf(version);
        var ordered = found.Values.OrderByDescending(a => a.Severity.Rank).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        bool endOfLife = line is not null ? line.IsEndOfLife(today) : !schedule.IsNewerThanEveryLine(version);
        return new RuntimeReport(version, platform, line, endOfLife, ordered);
    }

    /// <summary><c>ecosystem_specific.platforms</c>; an entry that names none affects every platform.</summary>
    private static List<string> PlatformsOf(OsvAffected affected) =>
        affected.EcosystemSpecific is { ValueKind: JsonValueKind.Object } specific &&
        specific.TryGetProperty("platforms", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]
            : ["all"];
}
