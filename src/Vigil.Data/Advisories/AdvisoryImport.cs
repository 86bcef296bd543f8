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

    /// <summary>Different from the stored record, which came from another source: the stored one was kept.</summary>
    Conflict,
}

/// <summary>An advisory an import did not store because the stored record of that id came from another source.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="StoredSource">The stored record's source (e.g. <c>vigil-platform</c>).</param>
/// <param name="OfferedSource">The offered record's source (e.g. <c>nswg-npm</c>).</param>
public sealed record ImportConflict(string Id, string StoredSource, string OfferedSource)
{
    /// <summary>The message users read.</summary>
    public override string ToString() =>
        $"{Id}: not replaced: the stored record came from {StoredSource}, this one from {OfferedSource} (two advisories share the id; the stored one is kept)";
}

/// <summary>The result of one import.</summary>
/// <param name="Outcomes">Each advisory's id and outcome, in the order offered.</param>
/// <param name="Conflicts">The advisories not stored because the stored record of their id came from another source.</param>
public sealed record ImportSummary(IReadOnlyList<(string Id, ImportOutcome Outcome)> Outcomes, IReadOnlyList<ImportConflict> Conflicts)
{
    /// <summary>How many advisories had <paramref name="outcome"/>.</summary>
    public int Count(ImportOutcome outcome) => Outcomes.Count(o => o.Outcome == outcome);
}
