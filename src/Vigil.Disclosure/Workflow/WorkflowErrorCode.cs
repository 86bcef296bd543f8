namespace Vigil.Disclosure.Workflow;

/// <summary>Why a transition was refused.</summary>
public enum WorkflowErrorCode
{
    /// <summary>The report is not in a state the action starts from.</summary>
    WrongState,

    /// <summary>The actor has no role on the report that may perform the action.</summary>
    NotPermitted,

    /// <summary>A triager tried to triage a report they submitted.</summary>
    OwnReport,

    /// <summary>A required field is missing or invalid.</summary>
    InvalidField,

    /// <summary>The publication deadline has not been reached.</summary>
    DeadlineNotReached,
}
