namespace Vigil.Disclosure.AuditTrail;

/// <summary>The audit log's action names. Reads of private reports are logged too, not only changes.</summary>
public static class AuditActions
{
    /// <summary>Someone opened a private report.</summary>
    public const string ReportRead = "report.read";

    /// <summary>A report was submitted.</summary>
    public const string ReportSubmitted = "report.submitted";

    /// <summary>A report changed state; the detail names the action.</summary>
    public const string ReportTransition = "report.transition";

    /// <summary>A participant was added to or removed from a report.</summary>
    public const string ParticipantChanged = "report.participant";

    /// <summary>An extension ballot was opened; the detail names the ballot and the proposed deadline.</summary>
    public const string BallotOpened = "ballot.opened";

    /// <summary>An extension ballot closed; the detail names the ballot, the outcome and the count.</summary>
    public const string BallotClosed = "ballot.closed";

    /// <summary>A vote on an extension ballot.</summary>
    public const string BallotVote = "ballot.vote";

    /// <summary>An advisory was published.</summary>
    public const string AdvisoryPublished = "advisory.published";
}
