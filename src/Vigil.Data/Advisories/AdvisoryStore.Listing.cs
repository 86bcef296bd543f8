namespace Vigil.Data.Advisories;

/// <summary>A page of advisories, newest first.</summary>
/// <param name="Advisories">The advisories of the page.</param>
/// <param name="HasMore">Whether another page follows.</param>
public sealed record AdvisoryPage(IReadOnlyList<StoredAdvisory> Advisories, bool HasMore);

/// <summary>Listing for the public pages and the feed: newest first, paged.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>The most advisories one page may hold.</summary>
    public const int MaxPageSize = 200;

    /// <summary>
    /// Advisories, newest first (by <c>modified</c>, then id), that contain <paramref name="text"/> as
    /// <see cref="Search"/> reads it and name <paramref name="package"/> when given; <paramref name="limit"/> of them
    /// after skipping <paramref name="offset"/>.
    /// </summary>
    public AdvisoryPage Latest(string? text, string? package, int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize);
        var (sql, parameters) = Filtered(text, package);

        // One row more than asked tells whether another page follows.
        sql.Append(" ORDER BY a.modified_ticks DESC, a.id DESC LIMIT @limit OFFSET @offset");
        parameters.Add(("@limit", limit + 1));
        parameters.Add(("@offset", offset));
        var found = Query(sql.ToString(), [.. parameters]);
        return new AdvisoryPage(found.Take(limit).ToList(), found.Count > limit);
    }
}
