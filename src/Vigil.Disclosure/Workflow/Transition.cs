using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Workflow;

/// <summary>One row of the transition table: an action, the states it starts from, where it leads, who may do it, what it needs.</summary>
/// <param name="Action">The action.</param>
/// <param name="From">The states it may start from.</param>
/// <param name="To">The state it leads to.</param>
/// <param name="By">Who may perform it.</param>
/// <param name="Needs">What else it needs.</param>
public sealed record Transition(ReportAction Action, IReadOnlySet<ReportState> From, ReportState To, Performers By, Requirements Needs);
