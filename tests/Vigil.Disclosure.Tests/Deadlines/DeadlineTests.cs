using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;

namespace Vigil.Disclosure.Tests.Deadlines;

/// <summary>The two clocks: business days to the first answer, calendar days to publication; overdue flags and the digest.</summary>
public class DeadlineTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(11, 2, 11, 4)] // Monday → Wednesday
    [InlineData(11, 5, 11, 9)] // Thursday → Monday
    [InlineData(11, 6, 11, 10)] // Friday → Tuesday
    [InlineData(11, 7, 11, 10)] // Saturday → Tuesday
    [InlineData(11, 8, 11, 10)] // Sunday → Tuesday
    public void Two_business_days_skip_the_weekend(int month, int day, int dueMonth, int dueDay) =>
        Assert.Equal(Utc(dueMonth, dueDay, 15), BusinessDays.Add(Utc(month, day, 15), 2, new HashSet<DateOnly>()));

    [Fact]
    public void Holidays_are_not_business_days()
    {
        var holidays = new HashSet<DateOnly> { new(2026, 12, 24), new(2026, 12, 25) };

        Assert.Equal(Utc(12, 29, 8), BusinessDays.Add(Utc(12, 23, 8), 2, holidays));
        Assert.False(BusinessDays.IsBusinessDay(new DateOnly(2026, 12, 25), holidays));
        Assert.True(BusinessDays.IsBusinessDay(new DateOnly(2026, 12, 23), holidays));
    }

    [Fact]
    public void Business_days_are_counted_in_utc()
    {
        // Friday 23:30 in UTC-5 is Saturday 04:30 UTC: due Tuesday 04:30 UTC, not Tuesday 23:30 local.
        var friday = new DateTimeOffset(2026, 11, 6, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 11, 10, 4, 30, 0, TimeSpan.Zero), BusinessDays.Add(friday, 2, new HashSet<DateOnly>()));
    }

    [Fact]
    public void The_policy_holds_the_published_numbers()
    {
        Assert.Equal(2, DisclosurePolicy.Default.FirstResponseBusinessDays);
        Assert.Equal(45, DisclosurePolicy.Default.PublicationDays);
        Assert.Equal(Utc(12, 21, 9), DisclosurePolicy.Default.PublicationDue(Utc(11, 6, 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisclosurePolicy.Default with { PublicationDays = -1 });
    }

    [Fact]
    public void A_new_report_is_overdue_after_two_business_days_without_an_answer()
    {
        var report = Samples.Submitted(); // Monday 09:30
        var due = Samples.Monday.AddDays(2);

        Assert.Empty(DisclosureClocks.Overdue([report], DisclosurePolicy.Default, due));
        var late = Assert.Single(DisclosureClocks.Overdue([report], DisclosurePolicy.Default, due.AddMinutes(1)));
        Assert.Equal(new ReportDeadline("r1", DeadlineKind.FirstResponse, due), late);
    }

    [Fact]
    public void An_answered_report_has_no_first_response_clock_even_when_back_to_new()
    {
        var answered = Samples.InState(ReportState.NeedsInfo).Apply(Samples.Reporter, ReportAction.ProvideInfo);

        Assert.Equal(ReportState.New, answered.State);
        Assert.Empty(DisclosureClocks.Running(answered, DisclosurePolicy.Default));
    }

    [Theory]
    [InlineData(ReportState.Accepted, true)]
    [InlineData(ReportState.MaintainerContacted, true)]
    [InlineData(ReportState.FixInProgress, true)]
    [InlineData(ReportState.Fixed, true)]
    [InlineData(ReportState.Published, false)]
    [InlineData(ReportState.Rejected, false)]
    public void The_publication_clock_runs_from_acceptance_until_publication(ReportState state, bool running)
    {
        var report = Samples.InState(state);
        var overdue = DisclosureClocks.Overdue([report], DisclosurePolicy.Default, Samples.Monday.AddDays(46));

        Assert.Equal(running, overdue.Any(d => d.Kind == DeadlineKind.Publication));
    }

    [Fact]
    public void Reports_due_for_deadline_publication_are_those_without_a_fix_past_the_deadline()
    {
        var accepted = Samples.InState(ReportState.Accepted);
        var fixing = Samples.InState(ReportState.FixInProgress) with { Id = "r2" };
        var fixedOne = Samples.InState(ReportState.Fixed) with { Id = "r3" };
        var due = accepted.PublicationDueAt!.Value;

        Assert.Empty(DisclosureClocks.DueForDeadlinePublication([accepted, fixing, fixedOne], due.AddSeconds(-1)));
        Assert.Equal(["r1", "r2"], DisclosureClocks.DueForDeadlinePublication([accepted, fixing, fixedOne], due).Select(r => r.Id));
    }

    [Fact]
    public void A_whole_timeline_runs_on_a_clock_the_test_sets()
    {
        var report = Samples.InState(ReportState.MaintainerContacted);
        var time = new FixedTime(report.PublicationDueAt!.Value);

        foreach (var due in DisclosureClocks.DueForDeadlinePublication([report], time.GetUtcNow()))
        {
            report = due.Apply(Actor.Clock, ReportAction.PublishAtDeadline, time.GetUtcNow());
        }

        Assert.Equal(ReportState.Published, report.State);
        Assert.Null(report.FixedVersion);
        Assert.Empty(DisclosureClocks.Overdue([report], DisclosurePolicy.Default, time));
    }

    [Fact]
    public void The_daily_digest_lists_overdue_and_due_within_a_day()
    {
        var late = Samples.Submitted() with { Id = "late" };
        var soon = Samples.Submitted() with { Id = "soon", SubmittedAt = Samples.Monday.AddDays(1) };
        var later = Samples.Submitted() with { Id = "later", SubmittedAt = Samples.Monday.AddDays(3) };
        var now = Samples.Monday.AddDays(2).AddHours(12);

        var digest = DailyDigest.Build([later, soon, late], DisclosurePolicy.Default, new FixedTime(now));

        Assert.Equal(new DateOnly(2026, 11, 4), digest.Day);
        Assert.Equal(["late"], digest.Overdue.Select(d => d.ReportId));
        Assert.Equal(["soon"], digest.DueSoon.Select(d => d.ReportId));
        Assert.False(digest.IsEmpty);
        Assert.True(DailyDigest.Build([], DisclosurePolicy.Default, now).IsEmpty);
    }
}
