using Vigil.Disclosure.Ballots;
using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Tests.Ballots;

/// <summary>Extension ballots: the triage team and the reporter, one vote each, a strict majority of those eligible.</summary>
public class ExtensionBallotTests
{
    private static readonly string[] Team = ["tom", "tina", "tim", "tara"];

    private static VulnerabilityReport Accepted => Samples.InState(ReportState.FixInProgress);

    private static ExtensionBallot Open(IEnumerable<string>? team = null)
    {
        var report = Accepted;
        Assert.True(ExtensionBallot.TryOpen(report, team ?? Team, "tom", report.PublicationDueAt!.Value.AddDays(14), Samples.Monday.AddDays(30), out var ballot, out var error), error);
        return ballot;
    }

    private static ExtensionBallot Vote(ExtensionBallot ballot, string voter, bool yes)
    {
        Assert.True(ballot.TryVote(voter, yes, Samples.Monday.AddDays(31), out var next, out var error), error);
        return next;
    }

    [Fact]
    public void The_voters_are_the_team_and_the_reporter_once_each()
    {
        var ballot = Open([.. Team, "alice", "tom"]);

        Assert.Equal(5, ballot.Voters.Count);
        Assert.Contains("alice", ballot.Voters);
        Assert.Equal(new BallotTally(5, 0, 0), ballot.Tally);
        Assert.Equal(3, ballot.Tally.Needed);
    }

    [Fact]
    public void A_strict_majority_of_eligible_voters_passes_and_moves_the_deadline()
    {
        var ballot = Vote(Vote(Open(), "tom", true), "alice", true);
        Assert.Equal(BallotOutcome.Open, ballot.Outcome);

        ballot = Vote(ballot, "tina", true);

        Assert.Equal(BallotOutcome.Passed, ballot.Outcome);
        Assert.NotNull(ballot.ClosedAt);
        Assert.Equal(new BallotTally(5, 3, 0), ballot.Tally);
        Assert.Equal(ballot.ProposedDue, ballot.ApplyTo(Accepted).PublicationDueAt);
    }

    [Fact]
    public void Half_is_not_a_majority()
    {
        var ballot = Open(["tom", "tina", "tim"]); // four voters with the reporter
        ballot = Vote(Vote(ballot, "tom", true), "alice", true).Close(Samples.Monday.AddDays(32));

        Assert.Equal(BallotOutcome.Failed, ballot.Outcome);
        Assert.Equal(Accepted.PublicationDueAt, ballot.ApplyTo(Accepted).PublicationDueAt);
    }

    [Fact]
    public void A_majority_of_votes_cast_is_not_enough_when_voters_stay_silent()
    {
        var ballot = Vote(Vote(Open(), "tom", true), "tina", true).Close(Samples.Monday.AddDays(32));

        Assert.Equal(new BallotTally(5, 2, 0), ballot.Tally);
        Assert.Equal(BallotOutcome.Failed, ballot.Outcome);
    }

    [Fact]
    public void Votes_can_change_while_open_and_the_ballot_closes_once_it_cannot_pass()
    {
        var ballot = Vote(Open(), "tom", true);
        ballot = Vote(ballot, "tom", false);
        Assert.Equal(new BallotTally(5, 0, 1), ballot.Tally);

        ballot = Vote(Vote(ballot, "tina", false), "tim", false);

        Assert.Equal(BallotOutcome.Failed, ballot.Outcome);
        Assert.False(ballot.TryVote("tara", true, Samples.Monday.AddDays(33), out _, out var error));
        Assert.Equal("The ballot is closed.", error);
    }

    [Fact]
    public void Only_eligible_voters_vote_and_a_vote_does_not_change_the_earlier_ballot()
    {
        var ballot = Open();

        Assert.False(ballot.TryVote("max", true, Samples.Monday, out _, out var error));
        Assert.Contains("Only the triage team and the reporter", error, StringComparison.Ordinal);
        var after = Vote(ballot, "tom", true);
        Assert.Empty(ballot.Votes);
        Assert.Single(after.Votes);
    }

    [Fact]
    public void A_ballot_opens_only_on_a_running_deadline_for_a_later_date_by_a_voter()
    {
        var report = Accepted;
        var due = report.PublicationDueAt!.Value;

        Assert.False(ExtensionBallot.TryOpen(Samples.Submitted(), Team, "tom", due, Samples.Monday, out _, out _));
        Assert.False(ExtensionBallot.TryOpen(Samples.InState(ReportState.Published), Team, "tom", due.AddDays(9), Samples.Monday, out _, out _));
        Assert.False(ExtensionBallot.TryOpen(report, Team, "tom", due, Samples.Monday, out _, out var notLater));
        Assert.Contains("later than the current one", notLater, StringComparison.Ordinal);
        Assert.False(ExtensionBallot.TryOpen(report, Team, "max", due.AddDays(9), Samples.Monday, out _, out _));
        Assert.False(ExtensionBallot.TryOpen(report, Team, "tom", due.AddDays(9), due, out _, out var passed));
        Assert.Contains("has passed", passed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passed_ballot_applies_only_to_its_report_and_deadline()
    {
        var ballot = Vote(Vote(Vote(Open(), "tom", true), "tina", true), "tim", true);

        Assert.Throws<ArgumentException>(() => ballot.ApplyTo(Accepted with { Id = "r2" }));
        var moved = Accepted with { PublicationDueAt = Accepted.PublicationDueAt!.Value.AddDays(1) };
        Assert.Equal(moved.PublicationDueAt, ballot.ApplyTo(moved).PublicationDueAt);
    }
    [Fact]
    public void A_restored_ballot_is_the_ballot_that_was_saved_and_goes_on_from_there()
    {
        var saved = Vote(Vote(Open(), "tom", true), "alice", false);

        var restored = ExtensionBallot.Restore(saved.ReportId, saved.ProposedBy, saved.Voters, saved.CurrentDue, saved.ProposedDue, saved.OpenedAt, saved.Votes, saved.ClosedAt);

        Assert.Equal(saved.Tally, restored.Tally);
        Assert.Equal(saved.Voters.Order(), restored.Voters.Order());
        Assert.Equal(BallotOutcome.Open, restored.Outcome);
        restored = Vote(Vote(restored, "alice", true), "tina", true);
        Assert.Equal(BallotOutcome.Passed, restored.Outcome);
        var closed = ExtensionBallot.Restore(restored.ReportId, restored.ProposedBy, restored.Voters, restored.CurrentDue, restored.ProposedDue, restored.OpenedAt, restored.Votes, restored.ClosedAt);
        Assert.False(closed.TryVote("tom", false, Samples.Monday.AddDays(33), out _, out string? error));
        Assert.Equal("The ballot is closed.", error);
    }

    [Fact]
    public void A_restored_ballot_refuses_a_vote_by_someone_who_was_never_a_voter()
    {
        var saved = Open();
        Assert.Throws<ArgumentException>(() => ExtensionBallot.Restore(
            saved.ReportId, saved.ProposedBy, saved.Voters, saved.CurrentDue, saved.ProposedDue, saved.OpenedAt, [KeyValuePair.Create("mallory", true)], null));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("  ", "is required")]
    [InlineData("bell\u0007", "contains a control character")]
    [InlineData("two weeks\nfor the release", null)]
    public void The_reason_for_an_extension_is_checked_like_every_reason(string? reason, string? error) =>
        Assert.Equal(error, ExtensionBallot.CheckReason(reason));
}
