using Vigil.Audit;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// The live advisories in memory, for the public service: by (ecosystem, name) with versions compiled, by id and
/// alias, each record serialized once. It follows the database through its change counter
/// (<see cref="AdvisoryStore.Revision"/>), which every instance over the same database sees, and reloads only the
/// advisories written since. It is also the auditor's <see cref="IAdvisoryLookup"/> for the npm audit endpoints.
/// </summary>
public sealed partial class AdvisorySnapshot(AdvisoryStore store, ILogger<AdvisorySnapshot> logger) : IAdvisoryLookup
{
    private readonly Lock _refreshing = new();
    private readonly Dictionary<string, SnapshotAdvisory> _advisories = new(StringComparer.Ordinal);
    private volatile SnapshotIndex? _current;
    private long _revision = -1;

    /// <summary>The database revision the index reflects (-1 before the first load).</summary>
    public long LoadedRevision => Volatile.Read(ref _revision);

    /// <summary>How many advisories the index holds, withdrawn ones included.</summary>
    public int Count => Current.Count;

    internal SnapshotIndex Current => _current ?? Load();

    /// <summary>
    /// Brings the index up to the database's revision: reads the counter, and when it moved, the advisories written
    /// since. Returns whether anything changed. Safe to call from several threads; one refresh runs at a time.
    /// </summary>
    public bool Refresh()
    {
        lock (_refreshing)
        {
            long revision = store.Revision();
            if (revision == _revision && _current is not null)
            {
                return false;
            }

            int changed = 0;
            foreach (var stored in store.ChangedSince(_revision))
            {
                _advisories[stored.Id] = SnapshotAdvisory.Of(stored);
                changed++;
            }

            if (changed > 0 || _current is null)
            {
                _current = new SnapshotIndex(_advisories.Values);
            }

            if (_revision >= 0 && changed > 0)
            {
                Reloaded(logger, changed, revision);
            }

            Volatile.Write(ref _revision, revision);
            return changed > 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Advisory index: {Changed} advisories reloaded at revision {Revision}")]
    private static partial void Reloaded(ILogger logger, int changed, long revision);

    private SnapshotIndex Load()
    {
        Refresh();
        return _current!;
    }

    /// <inheritdoc/>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var index = Current;
        var entries = new List<AffectedEntry>();
        foreach (string name in names)
        {
            foreach (var package in index.Packages(ecosystem, name))
            {
                if (!package.Advisory.Withdrawn)
                {
                    entries.Add(package.Entry);
                }
            }
        }

        return entries;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var index = Current;
        var facts = new Dictionary<string, AdvisoryFacts>(ids.Count, StringComparer.Ordinal);
        foreach (string id in ids)
        {
            if (index.ById(id) is { Withdrawn: false } advisory)
            {
                facts[id] = advisory.Facts;
            }
        }

        return facts;
    }
}

/// <summary>One immutable state of the index; a refresh builds a new one and swaps it in.</summary>
internal sealed class SnapshotIndex
{
    private readonly Dictionary<(string Ecosystem, string Name), SnapshotPackage[]> _byPackage = [];
    private readonly Dictionary<string, SnapshotAdvisory> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnapshotAdvisory[]> _byKey = new(StringComparer.Ordinal);
    private readonly string[] _ecosystems;

    public SnapshotIndex(IEnumerable<SnapshotAdvisory> advisories)
    {
        var packages = new Dictionary<(string, string), List<SnapshotPackage>>();
        var keys = new Dictionary<string, List<SnapshotAdvisory>>(StringComparer.Ordinal);
        foreach (var advisory in advisories)
        {
            _byId[advisory.Id] = advisory;
            foreach (string key in advisory.Keys)
            {
                (keys.TryGetValue(key, out var list) ? list : keys[key] = []).Add(advisory);
            }

            foreach (var package in advisory.Packages)
            {
                var at = (package.Entry.Ecosystem, package.Entry.Name);
                (packages.TryGetValue(at, out var list) ? list : packages[at] = []).Add(package);
            }
        }

        foreach (var (at, list) in packages)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Advisory.Id, b.Advisory.Id));
            _byPackage[at] = [.. list];
        }

        foreach (var (key, list) in keys)
        {
            list.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            _byKey[key] = [.. list];
        }

        _ecosystems = [.. packages.Keys.Select(k => k.Item1).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public int Count => _byId.Count;

    /// <summary>The ecosystems any advisory names.</summary>
    public IReadOnlyList<string> Ecosystems => _ecosystems;

    /// <summary>The affected entries of a package, by advisory id; withdrawn advisories included.</summary>
    public ReadOnlySpan<SnapshotPackage> Packages(string ecosystem, string name) =>
        _byPackage.TryGetValue((ecosystem, name), out var found) ? found : [];

    /// <summary>The advisory with exactly this id.</summary>
    public SnapshotAdvisory? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The advisories whose id or alias is this (any case).</summary>
    public IReadOnlyList<SnapshotAdvisory> ByKey(string idOrAlias) =>
        _byKey.TryGetValue(SnapshotAdvisory.Key(idOrAlias), out var found) ? found : [];
}
