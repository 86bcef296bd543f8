using Vigil.Domain.Semver;

namespace Vigil.Web.Features.OsvApi;

/// <summary>What a query matches in the index: live advisories of the package whose versions include the version.</summary>
internal static class OsvMatching
{
    /// <summary>
    /// The live advisories that affect the queried package at the queried version (every live advisory of the
    /// package without a version), by id. Versions are read as <c>vigil audit</c> reads them (npm's loose reading);
    /// a version that is no version matches only where a record lists exactly that text.
    /// </summary>
    public static List<SnapshotAdvisory> Match(SnapshotIndex index, ResolvedQuery query)
    {
        var found = new List<SnapshotAdvisory>();
        if (query.CommitOnly || query.UnknownEcosystem || query.Name is null)
        {
            return found;
        }

        NpmVersion? parsed = null;
        if (query.Version is { } text)
        {
            NpmVersion.TryParse(text, SemverOptions.Loose, out parsed, out _);
        }

        if (query.Ecosystem is { } ecosystem)
        {
            Add(index.Packages(ecosystem, query.Name), query.Version, parsed, found);
            return found;
        }

        foreach (string each in index.Ecosystems)
        {
            Add(index.Packages(each, query.Name), query.Version, parsed, found);
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return found;
    }

    private static void Add(ReadOnlySpan<SnapshotPackage> packages, string? version, NpmVersion? parsed, List<SnapshotAdvisory> found)
    {
        foreach (var package in packages)
        {
            if (package.Advisory.Withdrawn)
            {
                continue;
            }

            bool affected = version is null ||
                (parsed is not null ? package.Versions.Contains(parsed) : package.Versions.Contains(version));
            if (affected && !found.Contains(package.Advisory))
            {
                found.Add(package.Advisory);
            }
        }
    }
}
