namespace Vigil.Disclosure.Workflow;

/// <summary>Who acts: an account, with whether it belongs to the WG's triage team, or Vigil's own clock.</summary>
/// <param name="UserId">The account's id.</param>
/// <param name="IsTriageTeamMember">Whether the account is on the triage team.</param>
public sealed record Actor(string UserId, bool IsTriageTeamMember = false)
{
    /// <summary>The id under which the clock acts.</summary>
    public const string ClockId = "vigil:clock";

    /// <summary>Vigil itself, publishing at a deadline.</summary>
    public static Actor Clock { get; } = new(ClockId) { IsClock = true };

    /// <summary>Whether this is Vigil's clock rather than a person.</summary>
    public bool IsClock { get; private init; }
}
