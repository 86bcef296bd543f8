namespace Vigil.Disclosure.Reports;

/// <summary>Someone who sees a report and is told about its changes.</summary>
/// <param name="UserId">The account's id.</param>
/// <param name="Role">What they are on this report.</param>
public sealed record Participant(string UserId, ParticipantRole Role);
