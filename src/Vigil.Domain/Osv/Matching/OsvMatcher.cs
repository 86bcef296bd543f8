using Vigil.Domain.Semver;

namespace Vigil.Domain.Osv.Matching;

/// <summary>Whether an OSV record affects a package version (the schema's <c>IsVulnerable</c>).</summary>
public static class OsvMatcher
{
    /// <summary>
    /// Whether <paramref name="record"/> affects <paramref name="name"/> at <paramref name="version"/> in
    /// <paramref name="ecosystem"/>. Withdrawn records affect nothing.
    /// </summary>
    public static bool Affects(OsvRecord record, string ecosystem, string name, NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Withdrawn is not null)
        {
            return false;
        }

        foreach (var affected in record.Affected ?? [])
        {
            if (affected.Package is { } package &&
                string.Equals(package.Ecosystem, ecosystem, StringComparison.Ordinal) &&
                string.Equals(package.Name, name, StringComparison.Ordinal) &&
                AffectedVersions.Compile(affected).Contains(version))
            {
                return true;
            }
        }

        return false;
    }
}
