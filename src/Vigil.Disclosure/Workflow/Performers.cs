namespace Vigil.Disclosure.Workflow;

/// <summary>Who may perform a transition, as a role on the report in question.</summary>
[Flags]
public enum Performers
{
    /// <summary>Nobody.</summary>
    None = 0,

    /// <summary>The report's reporter.</summary>
    Reporter = 1,

    /// <summary>A triage-team member who did not submit the report.</summary>
    Triager = 2,

    /// <summary>A maintainer invited to the report.</summary>
    Maintainer = 4,

    /// <summary>Vigil's own clock (<see cref="Actor.Clock"/>).</summary>
    Clock = 8,
}
