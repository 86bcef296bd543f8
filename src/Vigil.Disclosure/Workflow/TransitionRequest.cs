namespace Vigil.Disclosure.Workflow;

/// <summary>An action someone asks for, with what it may need.</summary>
public sealed record TransitionRequest(ReportAction Action)
{
    /// <summary>Why: the question, the rejection's reason, the withdrawal's reason, the reporter's answer.</summary>
    public string? Reason { get; init; }

    /// <summary>For <see cref="ReportAction.MarkDuplicate"/>: the other report's id.</summary>
    public string? DuplicateOf { get; init; }

    /// <summary>For <see cref="ReportAction.MarkFixed"/>: the first fixed version.</summary>
    public string? FixedVersion { get; init; }

    /// <summary>For <see cref="ReportAction.ContactMaintainer"/>: a maintainer's account to add to the report, if any.</summary>
    public string? MaintainerId { get; init; }
}
