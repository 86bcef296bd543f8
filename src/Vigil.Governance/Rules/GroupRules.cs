namespace Vigil.Governance.Rules;

/// <summary>
/// The working group's written numbers (its membership rules): a 7-day window for objections to a nomination, at most
/// one third of members with one employer, a triage team of at least 5 approved by a majority vote, and an activity
/// check every 6 months with a reminder after 2 weeks, emeritus after 4 weeks and 4 more weeks to come back.
/// The platform's clocks read them from here and so do the published pages, so the two cannot disagree.
/// </summary>
public sealed record GroupRules
{
    /// <summary>The WG's rules as written.</summary>
    public static GroupRules Default { get; } = new();

    /// <summary>Days a nomination stays open for objections.</summary>
    public int ObjectionWindowDays { get; init => field = Positive(value); } = 7;

    /// <summary>The largest share of the members that one employer may have, as a fraction: 1/3.</summary>
    public int EmployerShareNumerator { get; init => field = Positive(value); } = 1;

    /// <inheritdoc cref="EmployerShareNumerator"/>
    public int EmployerShareDenominator { get; init => field = Positive(value); } = 3;

    /// <summary>The triage team's smallest size; below it the platform warns.</summary>
    public int TriageTeamMinimum { get; init => field = Positive(value); } = 5;

    /// <summary>Months between two activity checks of every member.</summary>
    public int ActivityCheckMonths { get; init => field = Positive(value); } = 6;

    /// <summary>Days after an activity check without an answer when the reminder goes out.</summary>
    public int ReminderDays { get; init => field = Positive(value); } = 14;

    /// <summary>Days after an activity check without an answer when the member becomes emeritus (roles removed at once).</summary>
    public int EmeritusDays { get; init => field = Positive(value); } = 28;

    /// <summary>Days after becoming emeritus during which a member may come back without a new nomination.</summary>
    public int ReturnGraceDays { get; init => field = Positive(value); } = 28;

    /// <summary>
    /// The most members one employer may have in a group of <paramref name="groupSize"/>: the share rounded down, but
    /// never less than one in a group that has anyone, since one person alone does not share an employer with anybody
    /// (without it, the first two members of a group could not name an employer at all).
    /// </summary>
    public int MaxFromOneEmployer(int groupSize) => groupSize switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(groupSize)),
        0 => 0,
        _ => Math.Max(1, groupSize * EmployerShareNumerator / EmployerShareDenominator),
    };

    /// <summary>Whether <paramref name="inFavour"/> votes out of an electorate of <paramref name="electorate"/> members are a majority.</summary>
    public static bool IsMajority(int inFavour, int electorate) => electorate > 0 && inFavour * 2 > electorate;

    private static int Positive(int value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be positive.");
}
