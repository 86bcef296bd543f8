namespace Vigil.Disclosure.Reports;

/// <summary>The longest texts a report accepts, in UTF-16 characters.</summary>
public static class ReportLimits
{
    /// <summary>npm's limit for a package name.</summary>
    public const int PackageName = 214;

    /// <summary>The affected versions range.</summary>
    public const int AffectedVersions = 1_000;

    /// <summary>The title: one line, as the WG's records allow (<c>title</c> ≤ 150).</summary>
    public const int Title = 150;

    /// <summary>The description, Markdown.</summary>
    public const int Description = 50_000;

    /// <summary>The proof of concept, Markdown.</summary>
    public const int ProofOfConcept = 50_000;

    /// <summary>A reason given for a transition (reject, duplicate, withdraw, a question to the reporter).</summary>
    public const int Reason = 5_000;

    /// <summary>A user id or a report id.</summary>
    public const int Id = 200;
}
