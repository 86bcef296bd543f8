namespace Vigil.Disclosure.Ballots;

/// <summary>The count of a ballot, recorded with its outcome.</summary>
/// <param name="Eligible">How many may vote.</param>
/// <param name="Yes">Votes for the extension.</param>
/// <param name="No">Votes against.</param>
public sealed record BallotTally(int Eligible, int Yes, int No)
{
    /// <summary>Eligible voters who have not voted.</summary>
    public int NotVoted => Eligible - Yes - No;

    /// <summary>Yes votes needed: more than half of the eligible voters (not of the votes cast).</summary>
    public int Needed => (Eligible / 2) + 1;

    /// <summary>Whether yes has a strict majority of the eligible voters.</summary>
    public bool HasMajority => Yes >= Needed;

    /// <summary>Whether yes can no longer reach a majority, whatever the others vote.</summary>
    public bool CannotPass => Yes + NotVoted < Needed;
}
