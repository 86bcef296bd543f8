using System.Diagnostics.CodeAnalysis;
using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Ballots;

/// <summary>
/// A vote on moving a report's publication deadline. The voters are every triage-team member plus the reporter,
/// one vote each (someone who is both votes once). The deadline moves only when a strict majority of the eligible
/// voters — not of the votes cast — says yes.
/// </summary>
/// <remarks>
/// Decisions (the procedure does not say): a voter may change their vote while the ballot is open; the ballot
/// closes by itself as soon as the outcome is certain (a majority said yes, or yes can no longer reach one), so
/// a decided vote cannot be overturned, and otherwise when someone closes it (<see cref="Close"/>), at the latest
/// when the current deadline arrives, as after that an extension no longer helps. A closed ballot is immutable.
/// </remarks>
public sealed class ExtensionBallot
{
    private readonly Dictionary<string, bool> _votes = new(StringComparer.Ordinal);

    private ExtensionBallot(string reportId, string proposedBy, IReadOnlySet<string> voters, DateTimeOffset currentDue, DateTimeOffset proposedDue, DateTimeOffset openedAt)
    {
        ReportId = reportId;
        ProposedBy = proposedBy;
        Voters = voters;
        CurrentDue = currentDue;
        ProposedDue = proposedDue;
        OpenedAt = openedAt;
    }

    /// <summary>The report whose deadline would move.</summary>
    public string ReportId { get; }

    /// <summary>Who proposed the extension.</summary>
    public string ProposedBy { get; }

    /// <summary>The eligible voters, fixed when the ballot opens.</summary>
    public IReadOnlySet<string> Voters { get; }

    /// <summary>The publication deadline when the ballot opened.</summary>
    public DateTimeOffset CurrentDue { get; }

    /// <summary>The deadline if the ballot passes.</summary>
    public DateTimeOffset ProposedDue { get; }

    /// <summary>When the ballot opened.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>When it closed, or null while open.</summary>
    public DateTimeOffset? ClosedAt { get; private init; }

    /// <summary>The votes cast so far, by voter.</summary>
    public IReadOnlyDictionary<string, bool> Votes => _votes;

    /// <summary>The current count.</summary>
    public BallotTally Tally => new(Voters.Count, _votes.Count(v => v.Value), _votes.Count(v => !v.Value));

    /// <summary>Open while not closed; when closed, passed exactly when yes had a strict majority of the eligible voters.</summary>
    public BallotOutcome Outcome => ClosedAt is null ? BallotOutcome.Open : Tally.HasMajority ? BallotOutcome.Passed : BallotOutcome.Failed;

    /// <summary>
    /// Opens a ballot on an accepted, unpublished report: the voters are <paramref name="triageTeam"/> and the
    /// report's reporter. The proposer must be one of them, and the new deadline must be later than the current one.
    /// </summary>
    public static bool TryOpen(
        VulnerabilityReport report,
        IEnumerable<string> triageTeam,
        string proposedBy,
        DateTimeOffset proposedDue,
        DateTimeOffset now,
        [NotNullWhen(true)] out ExtensionBallot? ballot,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(triageTeam);
        ballot = null;
        var voters = triageTeam.Where(v => !string.IsNullOrWhiteSpace(v)).Append(report.ReporterId).ToHashSet(StringComparer.Ordinal);
        var due = report.PublicationDueAt.GetValueOrDefault();
        error = report.PublicationDueAt is null || !Deadlines.DisclosureClocks.PublicationClockStates.Contains(report.State)
                ? "Only an accepted report that is not yet published has a deadline to extend."
            : now >= due ? "The publication deadline has passed; it can no longer be extended."
            : proposedDue <= due ? "The proposed deadline must be later than the current one."
            : !voters.Contains(proposedBy) ? "Only a member of the triage team or the reporter may propose an extension."
            : null;
        if (error is not null)
        {
            return false;
        }

        ballot = new ExtensionBallot(report.Id, proposedBy, voters, due, proposedDue, now);
        return true;
    }

    /// <summary>
    /// A stored ballot as it was saved: its voters, the votes as last cast, and when it closed. Votes by anyone who
    /// is not among <paramref name="voters"/> are refused (a stored ballot was altered).
    /// </summary>
    public static ExtensionBallot Restore(
        string reportId,
        string proposedBy,
        IEnumerable<string> voters,
        DateTimeOffset currentDue,
        DateTimeOffset proposedDue,
        DateTimeOffset openedAt,
        IEnumerable<KeyValuePair<string, bool>> votes,
        DateTimeOffset? closedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        ArgumentException.ThrowIfNullOrWhiteSpace(proposedBy);
        ArgumentNullException.ThrowIfNull(voters);
        ArgumentNullException.ThrowIfNull(votes);
        var ballot = new ExtensionBallot(reportId, proposedBy, voters.ToHashSet(StringComparer.Ordinal), currentDue, proposedDue, openedAt) { ClosedAt = closedAt };
        foreach (var (voter, yes) in votes)
        {
            if (!ballot.Voters.Contains(voter))
            {
                throw new ArgumentException($"{voter} is not a voter of this ballot.", nameof(votes));
            }

            ballot._votes[voter] = yes;
        }

        return ballot;
    }

    /// <summary>Why the reason given for an extension is refused (required, at most <see cref="ReportLimits.Reason"/> characters, no control characters), or null.</summary>
    public static string? CheckReason(string? reason) => TextRules.Check(reason, ReportLimits.Reason, required: true, multiline: true);

    /// <summary>Records or changes a vote; closes the ballot when the outcome becomes certain.</summary>
    public bool TryVote(string voter, bool yes, DateTimeOffset now, [NotNullWhen(true)] out ExtensionBallot? next, [NotNullWhen(false)] out string? error)
    {
        next = null;
        error = ClosedAt is not null ? "The ballot is closed."
            : voter is null || !Voters.Contains(voter) ? "Only the triage team and the reporter vote on an extension."
            : null;
        if (error is not null)
        {
            return false;
        }

        var copy = Copy(ClosedAt);
        copy._votes[voter!] = yes;
        var tally = copy.Tally;
        next = tally.HasMajority || tally.CannotPass ? copy.Copy(now) : copy;
        return true;
    }

    /// <summary>Closes the ballot; the outcome is then final. Closing a closed ballot changes nothing.</summary>
    public ExtensionBallot Close(DateTimeOffset now) => ClosedAt is null ? Copy(now) : this;

    /// <summary>The report with the new deadline when the ballot passed; the report unchanged otherwise.</summary>
    public VulnerabilityReport ApplyTo(VulnerabilityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!string.Equals(report.Id, ReportId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The ballot is about report {ReportId}, not {report.Id}.", nameof(report));
        }

        return Outcome == BallotOutcome.Passed && report.PublicationDueAt == CurrentDue
            ? report with { PublicationDueAt = ProposedDue }
            : report;
    }

    private ExtensionBallot Copy(DateTimeOffset? closedAt)
    {
        var copy = new ExtensionBallot(ReportId, ProposedBy, Voters, CurrentDue, ProposedDue, OpenedAt) { ClosedAt = closedAt };
        foreach (var (voter, vote) in _votes)
        {
            copy._votes[voter] = vote;
        }

        return copy;
    }
}
