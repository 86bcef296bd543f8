using Vigil.Domain.Advisories;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Audit;

/// <summary>Where the auditor finds advisories: the affected entries naming some packages, then the facts of those that matched.</summary>
public interface IAdvisoryLookup
{
    /// <summary>The affected entries (of advisories not withdrawn) naming any of <paramref name="names"/> in <paramref name="ecosystem"/>.</summary>
    IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names);

    /// <summary>The facts of these advisories.</summary>
    IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids);
}

/// <summary>Advisories held in memory, looked up as the database looks them up.</summary>
public sealed class RecordLookup : IAdvisoryLookup
{
    private readonly List<AffectedEntry> _entries;
    private readonly Dictionary<string, AdvisoryFacts> _facts;

    /// <summary>Indexes the records.</summary>
    public RecordLookup(IEnumerable<OsvRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var live = records.Where(r => r.Withdrawn is null).ToList();
        _entries = [.. live.SelectMany(AffectedIndex.Of)];
        _facts = live.ToDictionary(r => r.Id, AdvisoryFacts.Of, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return [.. _entries.Where(e => e.Ecosystem == ecosystem && wanted.Contains(e.Name))];
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids) =>
        ids.Where(_facts.ContainsKey).Distinct().ToDictionary(id => id, id => _facts[id], StringComparer.Ordinal);
}
