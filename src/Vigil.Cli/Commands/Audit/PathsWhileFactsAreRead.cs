using Vigil.Audit;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;
using Vigil.Lockfiles;

namespace Vigil.Cli.Commands.Audit;

/// <summary>
/// A lookup that reads the facts of the matched advisories on the other core, while this one finds the paths of the
/// packages they were matched for: the report prints those paths, and a package finds its paths on first use. The
/// answers are <paramref name="inner"/>'s; only the order of the work changes (paths are found once, whichever
/// thread asks first, so a name matched at another version only costs a lookup the report did not need).
/// </summary>
internal sealed class PathsWhileFactsAreRead(IAdvisoryLookup inner, Lockfile lockfile) : IAdvisoryLookup
{
    private IReadOnlyList<AffectedEntry> _entries = [];

    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names) =>
        _entries = inner.AffectedEntries(ecosystem, names);

    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
    {
        var reading = Task.Run(() => inner.Facts(ids));
        var wanted = ids as IReadOnlySet<string> ?? ids.ToHashSet(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (wanted.Contains(entry.AdvisoryId))
            {
                matched.Add(entry.Name);
            }
        }

        foreach (var package in lockfile.Packages)
        {
            if (matched.Contains(package.Name))
            {
                _ = package.Paths;
            }
        }

        return reading.GetAwaiter().GetResult();
    }
}
