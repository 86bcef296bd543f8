namespace Vigil.Disclosure.Deadlines;

/// <summary>A clock of one report that runs: what is due and when.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Kind">Which clock.</param>
/// <param name="DueAt">When it is due.</param>
public sealed record ReportDeadline(string ReportId, DeadlineKind Kind, DateTimeOffset DueAt)
{
    /// <summary>Whether it is past due at <paramref name="now"/> (due exactly now is not yet late).</summary>
    public bool IsOverdue(DateTimeOffset now) => now > DueAt;
}
