namespace Vigil.Disclosure.Reports;

/// <summary>Where a report stands in the WG's procedure (see <c>Workflow.TransitionTable</c>).</summary>
public enum ReportState
{
    /// <summary>Submitted, waiting for the first answer from triage.</summary>
    New,

    /// <summary>Triage asked the reporter for more information.</summary>
    NeedsInfo,

    /// <summary>Not a vulnerability, or out of scope. Final.</summary>
    Rejected,

    /// <summary>Another report describes the same vulnerability. Final.</summary>
    Duplicate,

    /// <summary>Triage accepted it; the publication clock runs.</summary>
    Accepted,

    /// <summary>The package's maintainers were contacted.</summary>
    MaintainerContacted,

    /// <summary>The maintainers work on a fix.</summary>
    FixInProgress,

    /// <summary>A fixed version is released.</summary>
    Fixed,

    /// <summary>Published as an advisory (with or without a fix).</summary>
    Published,

    /// <summary>The published advisory was withdrawn. Final.</summary>
    Withdrawn,
}
