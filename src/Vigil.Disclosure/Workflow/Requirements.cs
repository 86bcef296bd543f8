namespace Vigil.Disclosure.Workflow;

/// <summary>What a transition needs besides the right state and role.</summary>
[Flags]
public enum Requirements
{
    /// <summary>Nothing else.</summary>
    None = 0,

    /// <summary>A reason, recorded with the event and shown to the participants.</summary>
    Reason = 1,

    /// <summary>The id of the report this one duplicates.</summary>
    DuplicateOf = 2,

    /// <summary>The first fixed version: a valid npm version outside the affected range.</summary>
    FixedVersion = 4,

    /// <summary>The publication deadline has been reached.</summary>
    DeadlineReached = 8,
}
