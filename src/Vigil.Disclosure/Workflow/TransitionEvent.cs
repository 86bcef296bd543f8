using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Workflow;

/// <summary>A transition as recorded in the report's history: who, when, from, to, why.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Action">What was done.</param>
/// <param name="ActorId">Who did it (<see cref="Actor.ClockId"/> for the clock).</param>
/// <param name="At">When.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The reason given, or null.</param>
/// <param name="Detail">The action's value, or null: the duplicated report, the fixed version, the added maintainer.</param>
public sealed record TransitionEvent(
    string ReportId, ReportAction Action, string ActorId, DateTimeOffset At, ReportState From, ReportState To, string? Reason, string? Detail);
