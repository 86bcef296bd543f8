using Vigil.Domain.Semver;

namespace Vigil.Disclosure.Publication;

/// <summary>A CVE <c>versions[]</c> entry: affected from <see cref="Version"/> up to an end.</summary>
/// <param name="Version">The first affected version (<c>0</c> for "from the start").</param>
/// <param name="LessThan">The exclusive end (<c>*</c> for no end), or null when <paramref name="LessThanOrEqual"/> is given.</param>
/// <param name="LessThanOrEqual">The inclusive end, or null.</param>
public sealed record CveVersionEntry(string Version, string? LessThan, string? LessThanOrEqual)
{
    /// <summary>The entries of an npm range: one per interval of versions it admits (empty intervals left out).</summary>
    public static IReadOnlyList<CveVersionEntry> Of(NpmRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var entries = new List<CveVersionEntry>();
        foreach (var interval in RangeIntervals.Of(range))
        {
            var lower = interval.Lower;
            string? start = lower is null ? "0" : lower.Inclusive ? lower.Version.ToString() : lower.Version.Successor()?.ToString();
            if (start is null)
            {
                continue;
            }

            entries.Add(interval.Upper switch
            {
                null => new CveVersionEntry(start, "*", null),
                { Inclusive: true } upper => new CveVersionEntry(start, null, upper.Version.ToString()),
                var upper => new CveVersionEntry(start, upper.Version.ToString(), null),
            });
        }

        return entries;
    }
}
