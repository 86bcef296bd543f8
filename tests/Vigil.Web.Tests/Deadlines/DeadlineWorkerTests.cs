using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Disclosure.AuditTrail;
using Vigil.Disclosure.Workflow;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Deadlines;

/// <summary>The clock's worker on whole timelines, run in milliseconds by the fake clock.</summary>
public sealed class DeadlineWorkerTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_report_accepted_and_never_fixed_is_published_by_the_clock_at_its_deadline_and_not_a_minute_before(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await DeadlineSteps.AcceptedReportAsync(reporter, triager);
        await ReportSteps.TransitionAsync(triager, id, "ContactMaintainer");
        var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id));
        Assert.Equal(factory.Time.GetUtcNow().AddDays(45), due, TimeSpan.FromSeconds(1));
        int reporterMail = (await factory.OutboxToAsync("reporter@example.org")).Count;

        // 45 days less a minute: nothing happens.
        DeadlineSteps.AdvanceTo(factory, due.AddMinutes(-1));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Published);
        Assert.Equal("maintainer-contacted", await ReportSteps.StateAsync(factory, id));

        // The deadline: published with no fixed version, by the clock, everyone told.
        DeadlineSteps.AdvanceTo(factory, due.AddMinutes(1));
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Published);
        var published = await DeadlineSteps.ReportAsync(factory, id);
        Assert.Equal("published", published.State);
        Assert.Null(published.FixedVersion);
        Assert.Equal(due.AddMinutes(1), Web.Features.Reports.ReportService.Utc(published.PublishedAt!.Value), TimeSpan.FromMilliseconds(1));
        var last = await factory.QueryAsync(db => db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal("PublishAtDeadline", last[^1].Action);
        Assert.Equal(Actor.ClockId, last[^1].ActorId);
        Assert.Equal("maintainer-contacted", last[^1].FromState);
        var audit = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.ReportTransition && a.Subject == id.ToString()).OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(Actor.ClockId, audit[^1].Actor);
        Assert.Contains("PublishAtDeadline", audit[^1].Detail, StringComparison.Ordinal);
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);

        var reporterNow = await factory.OutboxToAsync("reporter@example.org");
        Assert.Equal(reporterMail + 1, reporterNow.Count);
        Assert.Contains("now published", reporterNow[^1].Subject, StringComparison.Ordinal);
        Assert.Contains("now published", (await factory.OutboxToAsync("triager@example.org"))[^1].Subject, StringComparison.Ordinal);

        // The report page names the clock in the history; a second pass changes nothing.
        var (triagerAgain, _) = await ReportSteps.TriagerAsync(factory, "triager2@example.org");
        using var _t2 = triagerAgain;
        var (_, page) = await triagerAgain.GetAsync($"/reports/{id}");
        Assert.Contains("Vigil: maintainer-contacted → <strong>published</strong>", page, StringComparison.Ordinal);
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Published);
        Assert.Equal(last.Count, await factory.QueryAsync(db => db.ReportEvents.CountAsync(e => e.ReportId == id)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Reports_fixed_published_or_not_accepted_are_left_alone_by_the_clock(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var fixedOne = await DeadlineSteps.AcceptedReportAsync(reporter, triager);
        var publishedOne = await DeadlineSteps.AcceptedReportAsync(reporter, triager);
        foreach (var id in new[] { fixedOne, publishedOne })
        {
            await ReportSteps.TransitionAsync(triager, id, "ContactMaintainer");
            await ReportSteps.TransitionAsync(triager, id, "StartFix");
            await ReportSteps.TransitionAsync(triager, id, "MarkFixed", new() { ["fixedVersion"] = "1.3.1" });
        }

        await ReportSteps.TransitionAsync(triager, publishedOne, "Publish");
        var untriaged = await ReportSteps.SubmitAsync(reporter);
        Assert.Equal("published", await ReportSteps.StateAsync(factory, publishedOne));
        int events = await factory.QueryAsync(db => db.ReportEvents.CountAsync());

        factory.Time.Advance(TimeSpan.FromDays(60));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Published);

        Assert.Equal("fixed", await ReportSteps.StateAsync(factory, fixedOne));
        Assert.Equal("published", await ReportSteps.StateAsync(factory, publishedOne));
        Assert.Equal("new", await ReportSteps.StateAsync(factory, untriaged));
        Assert.Equal(events, await factory.QueryAsync(db => db.ReportEvents.CountAsync()));
        Assert.Equal("1.3.1", (await DeadlineSteps.ReportAsync(factory, publishedOne)).FixedVersion);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Two_instances_running_the_same_pass_at_once_publish_once_and_send_one_digest(string engine)
    {
        using var first = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(first, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(first, "triager@example.org");
        using var _t = triager;
        var ids = new List<Guid>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add(await DeadlineSteps.AcceptedReportAsync(reporter, triager));
        }

        var late = await ReportSteps.SubmitAsync(reporter);
        int reporterMail = (await first.OutboxToAsync("reporter@example.org")).Count;

        // A second server on the same database and key file.
        var configuration = first.Services.GetRequiredService<IConfiguration>();
        var shared = new Dictionary<string, string?>
        {
            ["Vigil:KeyFile"] = configuration["Vigil:KeyFile"],
            [engine == "sqlite" ? "Vigil:Db" : "Vigil:Postgres"] = engine == "sqlite" ? first.DatabasePath : configuration["Vigil:Postgres"],
        };
        using var second = new PlatformFactory(shared);
        _ = second.Services;
        var at = first.Time.GetUtcNow().AddDays(46);
        at = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(12);
        DeadlineSteps.AdvanceTo(first, at);
        DeadlineSteps.AdvanceTo(second, at);

        var passes = await Task.WhenAll(
            first.Services.GetRequiredService<DeadlinePass>().RunOnceAsync(at, TestContext.Current.CancellationToken),
            second.Services.GetRequiredService<DeadlinePass>().RunOnceAsync(at, TestContext.Current.CancellationToken));

        Assert.Equal(3, passes.Sum(p => p.Published));
        Assert.Equal(1, passes.Sum(p => p.Digests));
        foreach (var id in ids)
        {
            Assert.Equal("published", await ReportSteps.StateAsync(first, id));
            Assert.Equal(1, await first.QueryAsync(db => db.ReportEvents.CountAsync(e => e.ReportId == id && e.Action == "PublishAtDeadline")));
        }

        Assert.Equal(reporterMail + 3, (await first.OutboxToAsync("reporter@example.org")).Count);
        var digests = await DeadlineSteps.DigestsToAsync(first, "triager@example.org");
        var digest = Assert.Single(digests);
        Assert.Contains("1 overdue", digest.Subject, StringComparison.Ordinal);
        Assert.Contains($"/reports/{late}", digest.TextBody, StringComparison.Ordinal);
        Assert.True((await first.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);

        // Again, later the same day, on both: nothing more.
        DeadlineSteps.AdvanceTo(first, at.AddHours(3));
        DeadlineSteps.AdvanceTo(second, at.AddHours(3));
        var again = await Task.WhenAll(DeadlineSteps.PassAsync(first), DeadlineSteps.PassAsync(second));
        Assert.Equal(0, again.Sum(p => p.Published + p.Digests));
        Assert.Single(await DeadlineSteps.DigestsToAsync(first, "triager@example.org"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_digest_counts_business_days_lists_overdue_first_answers_and_goes_once_a_day(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("triager@example.org", [Roles.Triager]);
        await factory.CreateUserAsync("disabled@example.org", [Roles.Triager]);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Web.Infrastructure.Persistence.PlatformDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == "disabled@example.org");
            user.DisabledAt = DateTime.UtcNow;
            return await db.SaveChangesAsync();
        });

        // Submitted on a Friday at 10:00: the first answer is due on Tuesday at 10:00, the weekend skipped.
        var friday = DeadlineSteps.AdvanceTo(factory, DayOfWeek.Friday, 10);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var id = await ReportSteps.SubmitAsync(reporter);
        // Friday's digest has nothing to say: the day is done, no mail.
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Digests);
        Assert.Empty(await DeadlineSteps.DigestsToAsync(factory, "triager@example.org"));

        // Monday 07:00, before the digest hour (8): nothing yet.
        DeadlineSteps.AdvanceTo(factory, friday.AddDays(3).AddHours(-3));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Digests);

        // Monday 11:00: due within a day, not overdue (on Monday at 09:00 it would still be 25 hours away).
        DeadlineSteps.AdvanceTo(factory, friday.AddDays(3).AddHours(1));
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Digests);
        var monday = Assert.Single(await DeadlineSteps.DigestsToAsync(factory, "triager@example.org"));
        Assert.Contains("0 overdue, 1 due within a day", monday.Subject, StringComparison.Ordinal);
        Assert.Contains($"first answer is due {friday.AddDays(4):yyyy-MM-dd} 10:00 UTC", monday.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://vigil.test/reports/{id}", monday.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Prototype", monday.Subject + monday.TextBody, StringComparison.Ordinal);
        Assert.Empty(await DeadlineSteps.DigestsToAsync(factory, "disabled@example.org"));

        // Monday 18:00: already sent today.
        DeadlineSteps.AdvanceTo(factory, friday.AddDays(3).AddHours(8));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Digests);

        // Wednesday 09:00: overdue since Tuesday 10:00.
        DeadlineSteps.AdvanceTo(factory, friday.AddDays(5).AddHours(-1));
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Digests);
        var digests = await DeadlineSteps.DigestsToAsync(factory, "triager@example.org");
        Assert.Equal(2, digests.Count);
        Assert.Contains("1 overdue, 0 due within a day", digests[^1].Subject, StringComparison.Ordinal);
        Assert.Contains($"first answer was due {friday.AddDays(4):yyyy-MM-dd} 10:00 UTC", digests[^1].TextBody, StringComparison.Ordinal);
        Assert.Equal(DateOnly.FromDateTime(friday.AddDays(5).UtcDateTime), await factory.QueryAsync(db => db.Digests.Select(d => d.LastDay).SingleAsync()));
    }

    [Fact]
    public async Task The_dashboard_says_in_words_how_many_reports_are_overdue_and_by_how_long()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        await ReportSteps.SubmitAsync(reporter);
        await ReportSteps.SubmitAsync(reporter);
        var (early, _) = await ReportSteps.TriagerAsync(factory, "early@example.org");
        using var _e = early;
        Assert.DoesNotContain("overdue.</strong>", (await early.GetAsync("/reports")).Body, StringComparison.Ordinal);

        factory.Time.Advance(TimeSpan.FromDays(6));
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var (_, dashboard) = await triager.GetAsync("/reports");
        Assert.Contains("<p class=\"error\" role=\"status\"><strong>2 reports are overdue.</strong>", dashboard, StringComparison.Ordinal);
        Assert.Contains("d late)", dashboard, StringComparison.Ordinal);

        // The reporter's own list has no dashboard banner.
        using var again = await ReportSteps.ReporterAsync(factory, "other@example.org");
        Assert.DoesNotContain("reports are overdue", (await again.GetAsync("/reports")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_background_worker_publishes_when_the_clock_passes_the_deadline()
    {
        using var factory = new PlatformFactory(new() { ["Vigil:Deadlines:Worker"] = "true", ["Vigil:Deadlines:PollSeconds"] = "60" });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await DeadlineSteps.AcceptedReportAsync(reporter, triager);

        factory.Time.Advance(TimeSpan.FromDays(45) + TimeSpan.FromMinutes(2));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ReportSteps.StateAsync(factory, id) != "published" && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal("published", await ReportSteps.StateAsync(factory, id));
    }
}
