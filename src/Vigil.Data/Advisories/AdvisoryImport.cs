using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>One advisory offered to <see cref="AdvisoryStore.Import"/>.</summary>
/// <param name="Record">The advisory.</param>
/// <param name="Source">Where it came from, e.g. <c>nswg-npm</c>, <c>osv</c>; shown in statistics.</param>
/// <param name="ModifiedByImport">
/// True when the source has no modification time and <paramref name="Record"/>'s <c>modified</c> is the import's
/// own clock: then the stored time is kept unless the content changed.
/// </param>
public sealed record AdvisoryImport(OsvRecord Record, string Source, bool ModifiedByImport = false);

/// <summary>What an import did with one advisory.</summary>
public enum ImportOutcome
{
    /// <summary>New to the database.</summary>
    Added,

    /// <summary>Replaced the stored record.</summary>
    Updated,

    /// <summary>Identical to the stored record (apart, possibly, from <c>modified</c>); nothing written.</summary>
    Unchanged,

    /// <summary>Older than the stored record (by <c>modified</c>): the stored one was kept.</summary>
    Older,
}

/// <summary>The result of one import.</summary>
/// <param name="Outcomes">Each advisory's id and outcome, in the order offered.</param>
public sealed record ImportSummary(IReadOnlyList<(string Id, ImportOutcome Outcome)> Outcomes)
{
    /// <summary>How many advisories had <paramref name="outcome"/>.</summary>
    public int Count(ImportOutcome outcome) => Outcomes.Count(o => o.Outcome == outcome);
}
