using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>Transitions through the page: the workflow's checks on the server, the history, the notifications.</summary>
public sealed class WorkflowTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_triager_walks_a_report_to_fixed_each_step_recorded_and_notified_with_the_change(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, triagerUser) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        Assert.Single(await factory.OutboxToAsync("triager@example.org"));

        var (page, body) = await triager.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Triage checklist", body, StringComparison.Ordinal);
        Assert.Contains("Expressed security policy", body, StringComparison.Ordinal);
        Assert.Contains("Root cause in a dependency", body, StringComparison.Ordinal);
        Assert.Contains("value=\"Accept\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"Publish\"", body, StringComparison.Ordinal);

        foreach (var (action, fields, state) in new (string, Dictionary<string, string>, string)[]
        {
            ("Accept", [], "accepted"),
            ("ContactMaintainer", [], "maintainer-contacted"),
            ("StartFix", [], "fix-in-progress"),
            ("MarkFixed", new() { ["fixedVersion"] = "1.3.1" }, "fixed"),
        })
        {
            var (response, answer) = await ReportSteps.TransitionAsync(triager, id, action, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {answer}");
            Assert.Equal(state, await ReportSteps.StateAsync(factory, id));
        }

        var stored = await factory.QueryAsync(db => db.Reports.AsNoTracking().SingleAsync());
        Assert.NotNull(stored.FirstResponseAt);
        Assert.Equal(stored.AcceptedAt!.Value.AddDays(45), stored.PublicationDueAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal("1.3.1", stored.FixedVersion);
        var events = await factory.QueryAsync(db => db.ReportEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["Accept", "ContactMaintainer", "StartFix", "MarkFixed"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(triagerUser.Id, e.ActorId));
        Assert.Equal("new", events[0].FromState);
        Assert.Equal("1.3.1", events[^1].Detail);

        // The triager became a participant; the reporter heard of every change (and of nothing's contents).
        Assert.Contains(await factory.QueryAsync(db => db.ReportParticipants.Where(p => p.ReportId == id).Select(p => p.Role).ToListAsync()), r => r == "triager");
        var mail = await factory.OutboxToAsync("reporter@example.org");
        Assert.Equal(4, mail.Count);
        Assert.Contains("now accepted", mail[0].Subject, StringComparison.Ordinal);
        Assert.Contains($"https://vigil.test/reports/{id}", mail[0].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Prototype", mail[0].Subject + mail[0].TextBody, StringComparison.Ordinal);

        var (_, dashboard) = await triager.GetAsync("/reports");
        Assert.Contains("Triage dashboard", dashboard, StringComparison.Ordinal);
        Assert.Contains("Publication", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_triager_cannot_triage_a_report_they_submitted()
    {
        using var factory = new PlatformFactory();
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(triager);

        var (_, page) = await triager.GetAsync($"/reports/{id}");
        Assert.DoesNotContain("value=\"Accept\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Triage checklist", page, StringComparison.Ordinal);

        var (response, body) = await ReportSteps.TransitionAsync(triager, id, "Accept");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cannot triage a report they submitted", body, StringComparison.Ordinal);
        Assert.Equal("new", await ReportSteps.StateAsync(factory, id));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportEvents.CountAsync()));
    }

    public static TheoryData<string, string, string?> Forgeries => new()
    {
        { "reporter", "Accept", "may be done only by" },
        { "reporter", "Reject", "may be done only by" },
        { "triager", "Publish", "possible only when the report is fixed" },
        { "triager", "PublishAtDeadline", "possible only when" },
        { "triager", "ProvideInfo", "possible only when" },
        { "triager", "Reject", "reason" },
        { "triager", "MarkDuplicate", "duplicate" },
        { "triager", "Hack", "not an action" },
        { "triager", "42", "not an action" },
        { "triager", "accept", "not an action" },
        { "triager", "", "not an action" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_transition_gets_a_clear_error_and_changes_nothing(string who, string action, string? says)
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        int mailBefore = await factory.QueryAsync(db => db.Outbox.CountAsync());

        var (response, body) = await ReportSteps.TransitionAsync(who == "reporter" ? reporter : triager, id, action);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(says!, body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("new", await ReportSteps.StateAsync(factory, id));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportEvents.CountAsync()));
        Assert.Equal(mailBefore, await factory.QueryAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task A_transition_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);

        var (response, _) = await triager.PostAsync($"/reports/{id}/transition", new() { ["action"] = "Accept" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (comment, _) = await triager.PostAsync($"/reports/{id}/comment", new() { ["body"] = "x" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, comment.StatusCode);
        Assert.Equal("new", await ReportSteps.StateAsync(factory, id));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportComments.CountAsync()));
    }

    [Fact]
    public async Task Duplicates_must_name_another_existing_report_and_the_reporter_can_answer_a_question()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var first = await ReportSteps.SubmitAsync(reporter);
        var second = await ReportSteps.SubmitAsync(reporter);

        var (bad, badBody) = await ReportSteps.TransitionAsync(triager, second, "MarkDuplicate", new() { ["reason"] = "same", ["duplicateOf"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("does not name another report", badBody, StringComparison.Ordinal);
        Assert.Equal("new", await ReportSteps.StateAsync(factory, second));

        var (ok, _) = await ReportSteps.TransitionAsync(triager, second, "MarkDuplicate", new() { ["reason"] = "same", ["duplicateOf"] = first.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("duplicate", await ReportSteps.StateAsync(factory, second));

        await ReportSteps.TransitionAsync(triager, first, "RequestInfo", new() { ["reason"] = "Which Node.js version?" });
        var (_, page) = await reporter.GetAsync($"/reports/{first}");
        Assert.Contains("Which Node.js version?", page, StringComparison.Ordinal);
        var (answered, _) = await ReportSteps.TransitionAsync(reporter, first, "ProvideInfo", new() { ["reason"] = "22.x" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("new", await ReportSteps.StateAsync(factory, first));
    }

    [Fact]
    public async Task The_dashboard_flags_a_report_whose_first_answer_is_overdue()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        await ReportSteps.SubmitAsync(reporter);
        Assert.DoesNotContain("overdue</strong>", (await triager.GetAsync("/reports")).Body, StringComparison.Ordinal);

        // Five days later (a new session: the old one expired).
        factory.Time.Advance(TimeSpan.FromDays(5));
        var (later, _) = await ReportSteps.TriagerAsync(factory, "triager2@example.org");
        using var _l = later;
        var (_, dashboard) = await later.GetAsync("/reports");
        Assert.Contains("overdue</strong>", dashboard, StringComparison.Ordinal);
        Assert.Contains("class=\"overdue\"", dashboard, StringComparison.Ordinal);
    }
}
