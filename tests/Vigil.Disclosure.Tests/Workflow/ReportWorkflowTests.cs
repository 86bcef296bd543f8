using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;

namespace Vigil.Disclosure.Tests.Workflow;

/// <summary>The state machine: the table's transitions, who may take them, what they need, what they record.</summary>
public class ReportWorkflowTests
{
    private static readonly DateTimeOffset Later = Samples.Monday.AddDays(1);

    private static WorkflowError Refused(VulnerabilityReport report, Actor actor, TransitionRequest request, DateTimeOffset? at = null)
    {
        var before = report;
        Assert.False(ReportWorkflow.TryApply(report, request, actor, at ?? Later, DisclosurePolicy.Default, out var outcome, out var error));
        Assert.Null(outcome);
        Assert.Same(before, report);
        return error;
    }

    private static TransitionOutcome Applied(VulnerabilityReport report, Actor actor, TransitionRequest request, DateTimeOffset? at = null)
    {
        Assert.True(ReportWorkflow.TryApply(report, request, actor, at ?? Later, DisclosurePolicy.Default, out var outcome, out var error), error?.ToString());
        return outcome;
    }

    public static TheoryData<ReportState, ReportAction, ReportState> Table() => new()
    {
        { ReportState.New, ReportAction.RequestInfo, ReportState.NeedsInfo },
        { ReportState.NeedsInfo, ReportAction.ProvideInfo, ReportState.New },
        { ReportState.New, ReportAction.Reject, ReportState.Rejected },
        { ReportState.New, ReportAction.MarkDuplicate, ReportState.Duplicate },
        { ReportState.New, ReportAction.Accept, ReportState.Accepted },
        { ReportState.Accepted, ReportAction.ContactMaintainer, ReportState.MaintainerContacted },
        { ReportState.MaintainerContacted, ReportAction.StartFix, ReportState.FixInProgress },
        { ReportState.FixInProgress, ReportAction.MarkFixed, ReportState.Fixed },
        { ReportState.Fixed, ReportAction.Publish, ReportState.Published },
        { ReportState.Accepted, ReportAction.PublishAtDeadline, ReportState.Published },
        { ReportState.MaintainerContacted, ReportAction.PublishAtDeadline, ReportState.Published },
        { ReportState.FixInProgress, ReportAction.PublishAtDeadline, ReportState.Published },
        { ReportState.Published, ReportAction.Withdraw, ReportState.Withdrawn },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_table_has_exactly_the_procedures_transitions(ReportState from, ReportAction action, ReportState to)
    {
        var transition = TransitionTable.Of(action);

        Assert.Contains(from, transition.From);
        Assert.Equal(to, transition.To);
        Assert.Equal(Table().Count, TransitionTable.All.Sum(t => t.From.Count));
    }

    [Fact]
    public void Every_action_outside_its_states_is_refused_as_wrong_state()
    {
        foreach (var state in Enum.GetValues<ReportState>())
        {
            var report = Samples.InState(state);
            foreach (var transition in TransitionTable.All.Where(t => !t.From.Contains(state)))
            {
                var error = Refused(report, Samples.OtherTriager, Full(transition.Action), Later.AddDays(100));
                Assert.Equal(WorkflowErrorCode.WrongState, error.Code);
            }
        }
    }

    [Fact]
    public void Every_action_by_someone_without_its_role_is_refused_as_not_permitted()
    {
        var everyone = new[] { Samples.Reporter, Samples.Triager, Samples.Maintainer, Samples.Stranger, Actor.Clock };
        int refused = 0;
        foreach (var transition in TransitionTable.All)
        {
            var report = Samples.InState(transition.From.First());
            foreach (var actor in everyone.Where(a => (ReportWorkflow.RolesOf(report, a) & transition.By) == 0))
            {
                Assert.Equal(WorkflowErrorCode.NotPermitted, Refused(report, actor, Full(transition.Action), Later.AddDays(100)).Code);
                refused++;
            }
        }

        Assert.True(refused > 30);
    }

    [Fact]
    public void A_triager_cannot_triage_a_report_they_submitted()
    {
        var own = Samples.Submitted(Samples.Triager);

        var error = Refused(own, Samples.Triager, new TransitionRequest(ReportAction.Accept));

        Assert.Equal(WorkflowErrorCode.OwnReport, error.Code);
        Assert.Contains("cannot triage a report they submitted", error.Message, StringComparison.Ordinal);
        Assert.Equal(Performers.Reporter, ReportWorkflow.RolesOf(own, Samples.Triager));
        Assert.Equal(ReportState.Accepted, Applied(own, Samples.OtherTriager, new TransitionRequest(ReportAction.Accept)).Report.State);
    }

    [Fact]
    public void A_triager_who_submitted_still_acts_as_the_reporter()
    {
        var own = Samples.Submitted(Samples.Triager)
            .Apply(Samples.OtherTriager, new TransitionRequest(ReportAction.RequestInfo) { Reason = "Which version?" });

        Assert.Equal(ReportState.New, Applied(own, Samples.Triager, new TransitionRequest(ReportAction.ProvideInfo)).Report.State);
    }

    [Theory]
    [InlineData(ReportAction.RequestInfo)]
    [InlineData(ReportAction.Reject)]
    [InlineData(ReportAction.MarkDuplicate)]
    public void Triage_answers_that_need_a_reason_refuse_none(ReportAction action)
    {
        var error = Refused(Samples.Submitted(), Samples.Triager, new TransitionRequest(action) { DuplicateOf = "r0", Reason = " " });

        Assert.Equal(WorkflowErrorCode.InvalidField, error.Code);
        Assert.Equal(ReportFields.Reason, error.Field);
    }

    [Fact]
    public void Withdrawal_needs_a_reason_and_limits_its_length()
    {
        var published = Samples.InState(ReportState.Published);

        Assert.Equal(ReportFields.Reason, Refused(published, Samples.Triager, new TransitionRequest(ReportAction.Withdraw)).Field);
        Assert.Equal(ReportFields.Reason, Refused(published, Samples.Triager, new TransitionRequest(ReportAction.Withdraw) { Reason = new string('x', ReportLimits.Reason + 1) }).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("r1")]
    [InlineData("r\n2")]
    public void A_duplicate_names_another_report(string? other)
    {
        var error = Refused(Samples.Submitted(), Samples.Triager, new TransitionRequest(ReportAction.MarkDuplicate) { Reason = "Same bug.", DuplicateOf = other });

        Assert.Equal(ReportFields.DuplicateOf, error.Field);
    }

    [Fact]
    public void A_duplicate_records_the_other_report()
    {
        var outcome = Applied(Samples.Submitted(), Samples.Triager, new TransitionRequest(ReportAction.MarkDuplicate) { Reason = "Same bug.", DuplicateOf = "r0" });

        Assert.Equal("r0", outcome.Report.DuplicateOf);
        Assert.Equal("r0", outcome.Event.Detail);
        Assert.Equal("Same bug.", outcome.Event.Reason);
    }

    [Theory]
    [InlineData(null, "not an npm version")]
    [InlineData("v1.3", "not an npm version")]
    [InlineData("1.2.9", "inside the affected range")]
    [InlineData("1.3.0-beta.1", "inside the affected range")]
    public void The_fixed_version_is_a_version_outside_the_affected_range(string? version, string message)
    {
        var error = Refused(Samples.InState(ReportState.FixInProgress), Samples.Maintainer, new TransitionRequest(ReportAction.MarkFixed) { FixedVersion = version });

        Assert.Equal(ReportFields.FixedVersion, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_records_the_fixed_version()
    {
        var outcome = Applied(Samples.InState(ReportState.FixInProgress), Samples.Maintainer, new TransitionRequest(ReportAction.MarkFixed) { FixedVersion = "1.3.0" });

        Assert.Equal("1.3.0", outcome.Report.FixedVersion!.ToString());
        Assert.Equal("1.3.0", outcome.Event.Detail);
    }

    [Fact]
    public void Acceptance_starts_the_publication_clock_from_the_policy_and_counts_as_first_response()
    {
        var policy = DisclosurePolicy.Default with { PublicationDays = 30 };
        Assert.True(ReportWorkflow.TryApply(Samples.Submitted(), new TransitionRequest(ReportAction.Accept), Samples.Triager, Later, policy, out var outcome, out _));

        Assert.Equal(Later, outcome.Report.AcceptedAt);
        Assert.Equal(Later.AddDays(30), outcome.Report.PublicationDueAt);
        Assert.Equal(Later, outcome.Report.FirstResponseAt);
    }

    [Fact]
    public void The_first_response_is_the_first_triage_answer_only()
    {
        var asked = Samples.Submitted().Apply(Samples.Triager, new TransitionRequest(ReportAction.RequestInfo) { Reason = "?" }, Later);
        var answered = asked.Apply(Samples.Reporter, ReportAction.ProvideInfo, Later.AddDays(1));
        var accepted = answered.Apply(Samples.OtherTriager, ReportAction.Accept, Later.AddDays(2));

        Assert.Equal(Later, accepted.FirstResponseAt);
    }

    [Fact]
    public void An_event_records_who_when_from_to_and_why()
    {
        var outcome = Applied(Samples.Submitted(), Samples.Triager, new TransitionRequest(ReportAction.Reject) { Reason = "Expected behaviour." });

        Assert.Equal(new TransitionEvent("r1", ReportAction.Reject, "tom", Later, ReportState.New, ReportState.Rejected, "Expected behaviour.", null), outcome.Event);
    }

    [Fact]
    public void Triagers_join_the_report_and_everyone_else_on_it_is_notified()
    {
        var outcome = Applied(Samples.InState(ReportState.Accepted), Samples.OtherTriager, new TransitionRequest(ReportAction.ContactMaintainer) { MaintainerId = "max" });

        Assert.True(outcome.Report.Has("tina", ParticipantRole.Triager));
        Assert.True(outcome.Report.Has("max", ParticipantRole.Maintainer));
        Assert.Equal(["alice", "tom", "max"], outcome.Notify);
        Assert.Equal("max", outcome.Event.Detail);
    }

    [Fact]
    public void A_maintainer_sees_only_their_own_part_of_the_procedure()
    {
        var contacted = Samples.InState(ReportState.MaintainerContacted);

        Assert.Equal([ReportAction.StartFix], ReportWorkflow.Available(contacted, Samples.Maintainer, Later));
        Assert.Empty(ReportWorkflow.Available(contacted, Samples.Reporter, Later));
        Assert.Empty(ReportWorkflow.Available(contacted, Samples.Stranger, Later));
        Assert.Equal(
            [ReportAction.RequestInfo, ReportAction.Reject, ReportAction.MarkDuplicate, ReportAction.Accept],
            ReportWorkflow.Available(Samples.Submitted(), Samples.Triager, Later));
    }

    [Fact]
    public void Publication_at_the_deadline_waits_for_the_deadline_and_has_no_fixed_version()
    {
        var accepted = Samples.InState(ReportState.Accepted);
        var due = accepted.PublicationDueAt!.Value;

        Assert.Equal(WorkflowErrorCode.DeadlineNotReached, Refused(accepted, Actor.Clock, new TransitionRequest(ReportAction.PublishAtDeadline), due.AddTicks(-1)).Code);
        Assert.DoesNotContain(ReportAction.PublishAtDeadline, ReportWorkflow.Available(accepted, Actor.Clock, due.AddTicks(-1)));
        Assert.Equal([ReportAction.PublishAtDeadline], ReportWorkflow.Available(accepted, Actor.Clock, due));

        var outcome = Applied(accepted, Actor.Clock, new TransitionRequest(ReportAction.PublishAtDeadline), due);
        Assert.Equal(ReportState.Published, outcome.Report.State);
        Assert.Null(outcome.Report.FixedVersion);
        Assert.Equal(due, outcome.Report.PublishedAt);
        Assert.Equal(Actor.ClockId, outcome.Event.ActorId);
        Assert.Equal(["alice", "tom"], outcome.Notify);
    }

    [Fact]
    public void A_person_cannot_pose_as_the_clock()
    {
        var accepted = Samples.InState(ReportState.Accepted);
        var impostor = new Actor(Actor.ClockId);

        Assert.Equal(WorkflowErrorCode.NotPermitted, Refused(accepted, impostor, new TransitionRequest(ReportAction.PublishAtDeadline), Later.AddDays(100)).Code);
    }

    [Fact]
    public void An_undefined_action_is_refused()
    {
        Assert.Equal(WorkflowErrorCode.NotPermitted, Refused(Samples.Submitted(), Samples.Triager, new TransitionRequest((ReportAction)99)).Code);
    }

    [Fact]
    public void The_whole_story_from_new_to_withdrawn()
    {
        var withdrawn = Samples.InState(ReportState.Withdrawn);

        Assert.Equal(ReportState.Withdrawn, withdrawn.State);
        Assert.NotNull(withdrawn.PublishedAt);
        Assert.NotNull(withdrawn.WithdrawnAt);
        Assert.Equal("1.3.0", withdrawn.FixedVersion!.ToString());
    }

    private static TransitionRequest Full(ReportAction action) => new(action)
    {
        Reason = "Because.",
        DuplicateOf = "r0",
        FixedVersion = "1.3.0",
        MaintainerId = "max",
    };
}
