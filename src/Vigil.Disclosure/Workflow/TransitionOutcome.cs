using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Workflow;

/// <summary>An applied transition: the report after it, the event to record and who to tell.</summary>
/// <param name="Report">The report after the transition.</param>
/// <param name="Event">The recorded event.</param>
/// <param name="Notify">The participants to notify: everyone on the report except the actor, each once.</param>
public sealed record TransitionOutcome(VulnerabilityReport Report, TransitionEvent Event, IReadOnlyList<string> Notify);
