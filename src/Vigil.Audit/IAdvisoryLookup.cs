using Vigil.Domain.Osv;

namespace Vigil.Audit;

/// <summary>Where the auditor finds advisories: every advisory that names one of the packages.</summary>
public interface IAdvisoryLookup
{
    /// <summary>The advisories naming any of <paramref name="names"/> in <paramref name="ecosystem"/>.</summary>
    IReadOnlyList<OsvRecord> ForPackages(string ecosystem, IReadOnlyCollection<string> names);
}
