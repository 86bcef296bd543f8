namespace Vigil.Disclosure.Ballots;

/// <summary>Where an extension ballot stands.</summary>
public enum BallotOutcome
{
    /// <summary>Voting goes on.</summary>
    Open,

    /// <summary>A strict majority of the eligible voters said yes: the deadline moves.</summary>
    Passed,

    /// <summary>Closed without a strict majority for yes: the deadline stays.</summary>
    Failed,
}
