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

    /// <summary>A triager looked up a package's maintainers on the npm registry; the detail is the outcome.</summary>
    public const string MaintainersLookedUp = "report.maintainers-lookup";

    /// <summary>A fixed version and release date were proposed; the detail names them.</summary>
    public const string FixProposed = "report.fix-proposed";

    /// <summary>A maintainer registered an author signing key (proof of possession checked); the detail names the package and key id.</summary>
    public const string AuthorKeyRegistered = "author-key.registered";

    /// <summary>An author signing key was revoked (by its owner, or a triager or administrator); the detail names the reason.</summary>
    public const string AuthorKeyRevoked = "author-key.revoked";

    /// <summary>An extension ballot was opened; the detail names the ballot and the proposed deadline.</summary>
    public const string BallotOpened = "ballot.opened";

    /// <summary>An extension ballot closed; the detail names the ballot, the outcome and the count.</summary>
    public const string BallotClosed = "ballot.closed";

    /// <summary>A vote on an extension ballot.</summary>
    public const string BallotVote = "ballot.vote";

    /// <summary>Someone asked for a password-reset link for an account (the subject); sent only for usable accounts.</summary>
    public const string PasswordResetRequested = "account.password-reset-requested";

    /// <summary>An account's password was reset through an e-mailed link.</summary>
    public const string PasswordReset = "account.password-reset";

    /// <summary>Two-factor sign-in changed; the detail says how (enabled, disabled, recovery codes).</summary>
    public const string TwoFactorChanged = "account.two-factor";

    /// <summary>An advisory was published.</summary>
    public const string AdvisoryPublished = "advisory.published";
}
