using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>
/// The versions one <see cref="OsvAffected"/> entry of an npm (or Node.js) package covers, compiled for fast,
/// repeated tests: its <c>versions</c> list and its <c>SEMVER</c> and <c>ECOSYSTEM</c> ranges, in npm's order.
/// </summary>
/// <remarks>
/// Evaluation follows the OSV schema's <c>IsVulnerable</c> pseudocode. Versions in the record are read loosely,
/// as npm reads them. An event whose version cannot be read is left out and listed in <see cref="Problems"/>;
/// <c>GIT</c> ranges and ranges of unknown type never match (they say nothing about npm versions).
/// </remarks>
public sealed class AffectedVersions
{
    private readonly NpmVersion[] _versions;
    private readonly string[] _unreadableVersions;
    private readonly CompiledRange[] _ranges;

    internal AffectedVersions(NpmVersion[] versions, string[] unreadableVersions, CompiledRange[] ranges, IReadOnlyList<string> problems)
    {
        _versions = versions;
        _unreadableVersions = unreadableVersions;
        _ranges = ranges;
        Problems = problems;
    }

    /// <summary>What could not be read (event versions that are not versions, unknown event kinds).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Compiles an affected entry.</summary>
    public static AffectedVersions Compile(OsvAffected affected)
    {
        ArgumentNullException.ThrowIfNull(affected);
        var problems = new List<string>();
        var versions = new List<NpmVersion>();
        var unreadable = new List<string>();
        foreach (string v in affected.Versions ?? [])
        {
            if (NpmVersion.TryParse(v, SemverOptions.Loose, out var parsed, out _))
            {
                versions.Add(parsed);
            }
            else
            {
                unreadable.Add(v);
            }
        }

        var ranges = new List<CompiledRange>();
        foreach (var range in affected.Ranges ?? [])
        {
            if (range.Type.Value is OsvRangeType.Semver or OsvRangeType.Ecosystem)
            {
                ranges.Add(CompiledRange.Compile(range, problems));
            }
        }

        return new AffectedVersions([.. versions], [.. unreadable], [.. ranges], problems);
    }

    /// <summary>Whether the version is affected: listed in <c>versions</c> or inside one of the ranges.</summary>
    public bool Contains(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var v in _versions)
        {
            if (v.CompareTo(version) == 0)
            {
                return true;
            }
        }

        foreach (var range in _ranges)
        {
            if (range.Contains(version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The lowest release at or above <paramref name="version"/> that is not affected: the version to upgrade to.
    /// Null when no release above it is free of the vulnerability, or when the ranges use <c>limit</c> events
    /// (then the answer is not known).
    /// </summary>
    public NpmVersion? LowestUnaffectedRelease(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var intervals = new List<VersionInterval>(_ranges.Length + _versions.Length);
        foreach (var range in _ranges)
        {
            if (range.HasLimits)
            {
                return null;
            }

            intervals.AddRange(range.Intervals());
        }

        foreach (var v in _versions)
        {
            intervals.Add(new VersionInterval(new VersionBound(v, true), new VersionBound(v, true)));
        }

        NpmVersion? candidate = version;
        for (int step = 0; candidate is not null && step <= intervals.Count; step++)
        {
            var containing = intervals.Find(i => i.Contains(candidate));
            if (containing is null)
            {
                return candidate;
            }

            if (containing.Upper is not { } upper)
            {
                return null;
            }

            candidate = upper.Inclusive || upper.Version.IsPrerelease ? upper.Version.NextRelease() : upper.Version;
        }

        return null;
    }

    /// <summary>Whether the version text is affected; text that is not a version matches only a listed string.</summary>
    public bool Contains(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return NpmVersion.TryParse(version, SemverOptions.Loose, out var parsed, out _)
            ? Contains(parsed)
            : Array.IndexOf(_unreadableVersions, version) >= 0;
    }
}
