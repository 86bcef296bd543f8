namespace Vigil.Audit.Ignoring;

/// <summary>
/// One entry of an ignore file: findings of advisory <see cref="Id"/> (or one of its aliases) are not reported
/// as findings, for the stated <see cref="Reason"/>, optionally only in one package or below one dependency path,
/// and only until <see cref="Expires"/>.
/// </summary>
/// <param name="Id">The advisory id or an alias (<c>NSWG-ECO-368</c>, <c>CVE-2018-3721</c>, <c>GHSA-…</c>), any case.</param>
/// <param name="Reason">Why the finding does not apply; required.</param>
/// <param name="Package">When set, only findings in this package (its real name or an alias name).</param>
/// <param name="Path">When set, only findings reached through a path that starts with these names (<c>express &gt; qs</c>).</param>
/// <param name="Expires">When set, the last day the entry ignores anything; after it the entry is reported as expired.</param>
/// <param name="Index">The entry's place in the file (from 0), for messages.</param>
public sealed record IgnoreRule(string Id, string Reason, string? Package, IReadOnlyList<string>? Path, DateOnly? Expires, int Index)
{
    /// <summary>Whether the entry has passed its expiry date on <paramref name="today"/>.</summary>
    public bool IsExpired(DateOnly today) => Expires is { } expires && today > expires;

    /// <summary>Whether the entry covers the finding (expiry aside).</summary>
    public bool Covers(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var advisory = finding.Advisory;
        if (!string.Equals(Id, advisory.Id, StringComparison.OrdinalIgnoreCase) &&
            !advisory.Aliases.Any(a => string.Equals(Id, a, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var package = finding.Package;
        if (Package is not null && Package != package.Name && !package.AliasNames.Contains(Package))
        {
            return false;
        }

        return Path is null || package.Paths.Any(p => p.Names.Length >= Path.Count && p.Names.Take(Path.Count).SequenceEqual(Path));
    }
}
