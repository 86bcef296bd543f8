using Vigil.Audit;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>The advisory database, as the auditor asks it: each question is one query to the store.</summary>
public sealed class StoreAdvisoryLookup(AdvisoryStore store) : IAdvisoryLookup
{
    /// <inheritdoc/>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names) =>
        store.AffectedEntries(ecosystem, names);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids) => store.Facts(ids);
}
