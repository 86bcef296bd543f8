using System.Collections.Concurrent;
using Vigil.Audit;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;
using Vigil.Domain.Semver;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>One advisory that affects some of the asked versions of one package.</summary>
/// <param name="Name">The package.</param>
/// <param name="Entry">The advisory's affected entry for the package.</param>
/// <param name="Facts">The advisory's facts.</param>
/// <param name="Versions">The asked versions it affects, in the order asked.</param>
/// <param name="Fix">The lowest release above every affected asked version that the advisory leaves out; null when some has none.</param>
public sealed record PackageAdvisory(string Name, AffectedEntry Entry, AdvisoryFacts Facts, IReadOnlyList<string> Versions, NpmVersion? Fix);

/// <summary>
/// Matches package versions against the advisories with npm audit's semantics, as <see cref="Auditor"/> does: versions
/// read loosely, the advisories' ranges compiled by <see cref="AffectedIndex"/> (prereleases included).
/// </summary>
public sealed class AdvisoryMatcher(IAdvisoryLookup lookup, CompiledRanges ranges)
{
    /// <summary>The advisories that affect any of the versions asked, by package, packages in the order asked.</summary>
    public IReadOnlyList<PackageAdvisory> Match(IReadOnlyDictionary<string, List<string>> versionsByName)
    {
        ArgumentNullException.ThrowIfNull(versionsByName);
        if (versionsByName.Count == 0)
        {
            return [];
        }

        var entries = lookup.AffectedEntries(Auditor.Ecosystem, versionsByName.Keys.ToList());
        var byName = entries.GroupBy(e => e.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var hits = new List<(string Name, AffectedEntry Entry, List<string> Versions, NpmVersion? Fix, bool NoFix)>();
        foreach (var (name, versions) in versionsByName)
        {
            if (!byName.TryGetValue(name, out var candidates))
            {
                continue;
            }

            var parsed = new List<(string Text, NpmVersion Version)>(versions.Count);
            foreach (string text in versions)
            {
                if (NpmVersion.TryParse(text, SemverOptions.Loose, out var version, out _))
                {
                    parsed.Add((text, version));
                }
            }

            foreach (var entry in candidates)
            {
                var affected = ranges.Get(entry.Events);
                List<string>? matched = null;
                NpmVersion? fix = null;
                bool noFix = false;
                foreach (var (text, version) in parsed)
                {
                    if (affected.Contains(version))
                    {
                        (matched ??= []).Add(text);
                        var lowest = affected.LowestUnaffectedRelease(version);
                        noFix |= lowest is null;
                        fix = lowest is not null && (fix is null || lowest > fix) ? lowest : fix;
                    }
                }

                if (matched is not null)
                {
                    hits.Add((name, entry, matched, fix, noFix));
                }
            }
        }

        if (hits.Count == 0)
        {
            return [];
        }

        var facts = lookup.Facts(hits.Select(h => h.Entry.AdvisoryId).ToHashSet(StringComparer.Ordinal));
        var result = new List<PackageAdvisory>(hits.Count);
        foreach (var (name, entry, matched, fix, noFix) in hits)
        {
            // Withdrawn advisories have entries but no facts: they are left out, as the auditor leaves them out.
            if (facts.TryGetValue(entry.AdvisoryId, out var advisory))
            {
                result.Add(new PackageAdvisory(name, entry, advisory, matched, noFix ? null : fix));
            }
        }

        return result;
    }
}

/// <summary>
/// The compiled form of each affected entry's versions, kept across requests: advisories repeat a few thousand
/// distinct ranges, and compiling them is most of a match's work. Forgotten wholesale past <see cref="Capacity"/>.
/// </summary>
public sealed class CompiledRanges
{
    /// <summary>The most compiled ranges kept.</summary>
    public const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, AffectedVersions> _compiled = new(StringComparer.Ordinal);

    /// <summary>The compiled form of <paramref name="events"/> (<see cref="AffectedIndex"/>'s compact text).</summary>
    public AffectedVersions Get(string events)
    {
        if (_compiled.TryGetValue(events, out var found))
        {
            return found;
        }

        if (_compiled.Count >= Capacity)
        {
            _compiled.Clear();
        }

        return _compiled.GetOrAdd(events, AffectedIndex.Read);
    }
}
