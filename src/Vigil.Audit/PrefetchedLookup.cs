using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Audit;

/// <summary>
/// A lookup whose entries for some names were fetched ahead (while the lockfile was still being assembled). Asked for
/// entries, it answers from what it fetched for the names it fetched, and asks <paramref name="inner"/> for any other
/// name: the prefetched names are a guess, and the answer is the same as <paramref name="inner"/>'s either way.
/// </summary>
/// <param name="inner">Where everything else is looked up.</param>
/// <param name="fetchedEcosystem">The ecosystem the entries were fetched in.</param>
/// <param name="fetchedNames">The names they were fetched for.</param>
/// <param name="fetched"><paramref name="inner"/>'s entries for <paramref name="fetchedNames"/>.</param>
public sealed class PrefetchedLookup(IAdvisoryLookup inner, string fetchedEcosystem, IReadOnlySet<string> fetchedNames, IReadOnlyList<AffectedEntry> fetched) : IAdvisoryLookup
{
    /// <inheritdoc/>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (ecosystem != fetchedEcosystem)
        {
            return inner.AffectedEntries(ecosystem, names);
        }

        var wanted = names as IReadOnlySet<string> ?? names.ToHashSet(StringComparer.Ordinal);
        var result = new List<AffectedEntry>(fetched.Count);
        foreach (var entry in fetched)
        {
            if (wanted.Contains(entry.Name))
            {
                result.Add(entry);
            }
        }

        var missing = names.Where(name => !fetchedNames.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            result.AddRange(inner.AffectedEntries(ecosystem, missing));
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids) => inner.Facts(ids);
}
