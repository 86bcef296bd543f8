namespace Vigil.Disclosure.Workflow;

/// <summary>What someone does to a report; each is one row of <see cref="TransitionTable"/>.</summary>
public enum ReportAction
{
    /// <summary>Triage asks the reporter for more information (new → needs-info). Needs a reason: the question.</summary>
    RequestInfo,

    /// <summary>The reporter answers (needs-info → new).</summary>
    ProvideInfo,

    /// <summary>Triage rejects the report (new → rejected). Needs a reason.</summary>
    Reject,

    /// <summary>Triage marks it a duplicate (new → duplicate). Needs a reason and the other report's id.</summary>
    MarkDuplicate,

    /// <summary>Triage accepts it (new → accepted); the publication clock starts.</summary>
    Accept,

    /// <summary>Triage has contacted the maintainers (accepted → maintainer-contacted), optionally adding one as a participant.</summary>
    ContactMaintainer,

    /// <summary>A fix is being made (maintainer-contacted → fix-in-progress).</summary>
    StartFix,

    /// <summary>A fixed version is out (fix-in-progress → fixed). Needs the fixed version, outside the affected range.</summary>
    MarkFixed,

    /// <summary>Triage publishes the fixed report (fixed → published).</summary>
    Publish,

    /// <summary>Publication at the deadline with no fixed version (accepted, maintainer-contacted or fix-in-progress → published).</summary>
    PublishAtDeadline,

    /// <summary>Triage withdraws the published advisory (published → withdrawn). Needs a reason.</summary>
    Withdraw,
}
