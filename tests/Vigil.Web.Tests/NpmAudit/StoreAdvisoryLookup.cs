using Vigil.Audit;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// The advisory database as the auditor asks it, each question one query to the store: the tests' reference, beside
/// the server's in-memory index.
/// </summary>
internal sealed class StoreAdvisoryLookup(AdvisoryStore store) : IAdvisoryLookup
{
    /// <inheritdoc/>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names) =>
        store.AffectedEntries(ecosystem, names);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids) => store.Facts(ids);
}
