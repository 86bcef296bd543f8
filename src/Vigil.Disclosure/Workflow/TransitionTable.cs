using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Workflow;

/// <summary>
/// The WG's procedure as data: every transition a report can take. Anything not in this table is refused.
/// </summary>
/// <remarks>
/// <code>
/// new ──RequestInfo──▶ needs-info ──ProvideInfo──▶ new
/// new ──Reject──▶ rejected     new ──MarkDuplicate──▶ duplicate
/// new ──Accept──▶ accepted ──ContactMaintainer──▶ maintainer-contacted ──StartFix──▶ fix-in-progress
///     ──MarkFixed──▶ fixed ──Publish──▶ published ──Withdraw──▶ withdrawn
/// accepted | maintainer-contacted | fix-in-progress ──PublishAtDeadline (deadline reached)──▶ published
/// </code>
/// </remarks>
public static class TransitionTable
{
    /// <summary>Every transition, one per action.</summary>
    public static IReadOnlyList<Transition> All { get; } =
    [
        Row(ReportAction.RequestInfo, [ReportState.New], ReportState.NeedsInfo, Performers.Triager, Requirements.Reason),
        Row(ReportAction.ProvideInfo, [ReportState.NeedsInfo], ReportState.New, Performers.Reporter, Requirements.None),
        Row(ReportAction.Reject, [ReportState.New], ReportState.Rejected, Performers.Triager, Requirements.Reason),
        Row(ReportAction.MarkDuplicate, [ReportState.New], ReportState.Duplicate, Performers.Triager, Requirements.Reason | Requirements.DuplicateOf),
        Row(ReportAction.Accept, [ReportState.New], ReportState.Accepted, Performers.Triager, Requirements.None),
        Row(ReportAction.ContactMaintainer, [ReportState.Accepted], ReportState.MaintainerContacted, Performers.Triager, Requirements.None),
        Row(ReportAction.StartFix, [ReportState.MaintainerContacted], ReportState.FixInProgress, Performers.Triager | Performers.Maintainer, Requirements.None),
        Row(ReportAction.MarkFixed, [ReportState.FixInProgress], ReportState.Fixed, Performers.Triager | Performers.Maintainer, Requirements.FixedVersion),
        Row(ReportAction.Publish, [ReportState.Fixed], ReportState.Published, Performers.Triager, Requirements.None),
        Row(
            ReportAction.PublishAtDeadline,
            [ReportState.Accepted, ReportState.MaintainerContacted, ReportState.FixInProgress],
            ReportState.Published,
            Performers.Triager | Performers.Clock,
            Requirements.DeadlineReached),
        Row(ReportAction.Withdraw, [ReportState.Published], ReportState.Withdrawn, Performers.Triager, Requirements.Reason),
    ];

    /// <summary>The transition of an action.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The action is not a defined one.</exception>
    public static Transition Of(ReportAction action) =>
        All.FirstOrDefault(t => t.Action == action)
        ?? throw new ArgumentOutOfRangeException(nameof(action), action, "Not a report action.");

    private static Transition Row(ReportAction action, ReportState[] from, ReportState to, Performers by, Requirements needs) =>
        new(action, from.ToHashSet(), to, by, needs);
}
