using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Deadlines;

/// <summary>Extension ballots: the triage team and the reporter vote; the deadline moves only on a strict majority.</summary>
public sealed class BallotTests
{
    private const string Reason = "The maintainer needs two more weeks for the release.";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_majority_moves_the_deadline_and_the_clock_then_publishes_at_the_new_one(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (t1, _) = await ReportSteps.TriagerAsync(factory, "t1@example.org");
        var (t2, _) = await ReportSteps.TriagerAsync(factory, "t2@example.org");
        using var _t1 = t1;
        using var _t2 = t2;
        var id = await DeadlineSteps.AcceptedReportAsync(reporter, t1);
        var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id));
        var proposed = due.AddDays(14);

        // The reporter sees no form to open one and cannot open one.
        Assert.DoesNotContain("Open an extension ballot", (await reporter.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);
        var (refused, refusedBody) = await DeadlineSteps.OpenBallotAsync(reporter, id, $"{proposed:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Only a member of the triage team", refusedBody, StringComparison.Ordinal);

        Assert.Contains("Open an extension ballot", (await t2.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);
        var (opened, openedBody) = await DeadlineSteps.OpenBallotAsync(t2, id, $"{proposed:yyyy-MM-dd}", Reason);
        Assert.True(opened.StatusCode == HttpStatusCode.Redirect, $"{(int)opened.StatusCode}: {openedBody}");
        var ballot = await DeadlineSteps.BallotAsync(factory, id);
        Assert.Equal("open", ballot.Outcome);
        Assert.Equal(3, await factory.QueryAsync(db => db.BallotVotes.CountAsync(v => v.BallotId == ballot.Id)));
        Assert.DoesNotContain(Reason, factory.DatabaseText(), StringComparison.Ordinal);
        Assert.Contains("Vote on extending report", (await factory.OutboxToAsync("reporter@example.org"))[^1].Subject, StringComparison.Ordinal);

        // The reporter votes on their own report; a vote may change while the ballot is open.
        var (page, pageBody) = await reporter.GetAsync($"/reports/{id}");
        Assert.Contains(Reason, pageBody, StringComparison.Ordinal);
        Assert.Contains("Vote yes", pageBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.VoteAsync(reporter, id, ballot.Id, "no")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.VoteAsync(reporter, id, ballot.Id, "yes")).Response.StatusCode);
        Assert.Equal("open", (await DeadlineSteps.BallotAsync(factory, id)).Outcome);
        Assert.Equal(due, DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id)));

        // The second yes of three voters decides it.
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.VoteAsync(t1, id, ballot.Id, "yes")).Response.StatusCode);
        var closed = await DeadlineSteps.BallotAsync(factory, id);
        Assert.Equal("passed", closed.Outcome);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(proposed, DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id)), TimeSpan.FromMilliseconds(1));

        var votes = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.BallotVote && a.Subject == id.ToString()).ToListAsync());
        Assert.Equal(3, votes.Count);
        Assert.Single(await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == AuditActions.BallotClosed).ToListAsync()));
        foreach (string who in new[] { "reporter@example.org", "t1@example.org", "t2@example.org" })
        {
            var last = (await factory.OutboxToAsync(who))[^1];
            Assert.Contains("passed", last.Subject, StringComparison.Ordinal);
            Assert.Contains($"{proposed:yyyy-MM-dd HH:mm} UTC", last.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Reason, last.TextBody, StringComparison.Ordinal);
        }

        // The clock keeps to the moved deadline.
        DeadlineSteps.AdvanceTo(factory, due.AddHours(1));
        Assert.Equal(0, (await DeadlineSteps.PassAsync(factory)).Published);
        Assert.Equal("accepted", await ReportSteps.StateAsync(factory, id));
        DeadlineSteps.AdvanceTo(factory, proposed.AddMinutes(1));
        Assert.Equal(1, (await DeadlineSteps.PassAsync(factory)).Published);
        Assert.Equal("published", await ReportSteps.StateAsync(factory, id));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_tie_or_a_minority_leaves_the_deadline_and_votes_after_the_close_are_refused(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (t1, _) = await ReportSteps.TriagerAsync(factory, "t1@example.org");
        var (t2, t2User) = await ReportSteps.TriagerAsync(factory, "t2@example.org");
        var (t3, _) = await ReportSteps.TriagerAsync(factory, "t3@example.org");
        using var _t1 = t1;
        using var _t2 = t2;
        using var _t3 = t3;
        var tied = await DeadlineSteps.AcceptedReportAsync(reporter, t1);
        var quiet = await DeadlineSteps.AcceptedReportAsync(reporter, t1);
        var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, tied));
        var quietDue = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, quiet));

        // Four voters: two yes and two no is no majority; the ballot closes as soon as yes cannot reach three.
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.OpenBallotAsync(t1, tied, $"{due.AddDays(10):yyyy-MM-dd}")).Response.StatusCode);
        var ballot = await DeadlineSteps.BallotAsync(factory, tied);
        await DeadlineSteps.VoteAsync(t1, tied, ballot.Id, "yes");
        await DeadlineSteps.VoteAsync(reporter, tied, ballot.Id, "yes");
        await DeadlineSteps.VoteAsync(t2, tied, ballot.Id, "no");
        Assert.Equal("open", (await DeadlineSteps.BallotAsync(factory, tied)).Outcome);
        await DeadlineSteps.VoteAsync(t3, tied, ballot.Id, "no");
        Assert.Equal("failed", (await DeadlineSteps.BallotAsync(factory, tied)).Outcome);
        Assert.Equal(due, DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, tied)));
        Assert.Contains("did not pass", (await factory.OutboxToAsync("reporter@example.org"))[^1].Subject, StringComparison.Ordinal);

        // A vote after the close is refused and changes nothing.
        var (late, lateBody) = await DeadlineSteps.VoteAsync(t2, tied, ballot.Id, "yes");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("The ballot is closed", lateBody, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.BallotVotes.Where(v => v.BallotId == ballot.Id && v.UserId == t2User.Id).Select(v => v.Yes).SingleAsync()));
        Assert.Equal(4, await factory.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.BallotVote)));

        // A minority: one yes of four, then the deadline arrives; the clock closes the ballot and publishes.
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.OpenBallotAsync(t2, quiet, $"{quietDue.AddDays(10):yyyy-MM-dd}")).Response.StatusCode);
        var minority = await DeadlineSteps.BallotAsync(factory, quiet);
        await DeadlineSteps.VoteAsync(t2, quiet, minority.Id, "yes");
        DeadlineSteps.AdvanceTo(factory, quietDue.AddMinutes(1));
        var pass = await DeadlineSteps.PassAsync(factory);
        Assert.Equal(1, pass.BallotsClosed);
        Assert.Equal("failed", (await DeadlineSteps.BallotAsync(factory, quiet)).Outcome);
        Assert.Equal(quietDue, DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, quiet)));
        Assert.Equal("published", await ReportSteps.StateAsync(factory, quiet));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Only_the_voters_vote_strangers_get_404_and_hostile_input_is_refused_by_field(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (t1, _) = await ReportSteps.TriagerAsync(factory, "t1@example.org");
        using var _t1 = t1;
        var id = await DeadlineSteps.AcceptedReportAsync(reporter, t1);
        var due = DeadlineSteps.DueOf(await DeadlineSteps.ReportAsync(factory, id));

        foreach (var (date, reason, says) in new (string, string, string)[]
        {
            ($"{due.AddDays(-1):yyyy-MM-dd}", Reason, "proposedDue: The proposed deadline must be later"),
            ("30/12/2026", Reason, "proposedDue: The proposed deadline must be a date"),
            ("<script>alert(1)</script>", Reason, "proposedDue:"),
            ($"{due.AddDays(400):yyyy-MM-dd}", Reason, "proposedDue: An extension reaches at most 365 days"),
            ($"{due.AddDays(5):yyyy-MM-dd}", "", "reason: The reason is required"),
            ($"{due.AddDays(5):yyyy-MM-dd}", new string('x', 5001), "reason: The reason is 5001 characters long"),
            ($"{due.AddDays(5):yyyy-MM-dd}", "bell\u0007", "reason: The reason contains a control character"),
        })
        {
            var (response, body) = await DeadlineSteps.OpenBallotAsync(t1, id, date, reason);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{date}: {(int)response.StatusCode}");
            Assert.Contains(says, WebUtility.HtmlDecode(body), StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await factory.QueryAsync(db => db.Ballots.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await DeadlineSteps.OpenBallotAsync(t1, id, $"{due.AddDays(5):yyyy-MM-dd}")).Response.StatusCode);
        var ballot = await DeadlineSteps.BallotAsync(factory, id);
        var (second, secondBody) = await DeadlineSteps.OpenBallotAsync(t1, id, $"{due.AddDays(6):yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already open", secondBody, StringComparison.Ordinal);

        // A maintainer on the report sees the ballot but has no vote; a stranger gets 404 everywhere.
        var maintainer = await factory.CreateUserAsync("maintainer@example.org", [Roles.Maintainer]);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            db.ReportParticipants.Add(new() { ReportId = id, UserId = maintainer.Id, Role = "maintainer", AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var maintainerBrowser = factory.Browser();
        await maintainerBrowser.SignInAsync("maintainer@example.org");
        var (_, maintainerPage) = await maintainerBrowser.GetAsync($"/reports/{id}");
        Assert.Contains(Reason, maintainerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Vote yes", maintainerPage, StringComparison.Ordinal);
        var (notVoter, notVoterBody) = await DeadlineSteps.VoteAsync(maintainerBrowser, id, ballot.Id, "yes");
        Assert.Equal(HttpStatusCode.BadRequest, notVoter.StatusCode);
        Assert.Contains("Only the triage team and the reporter vote", notVoterBody, StringComparison.Ordinal);

        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        await stranger.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/reports/{id}/ballots/vote", new() { ["ballot"] = ballot.Id.ToString(), ["vote"] = "yes" }, withToken: true)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/reports/{id}/ballots/open", new() { ["proposedDue"] = $"{due.AddDays(9):yyyy-MM-dd}", ["reason"] = "x" }, withToken: true)).Response.StatusCode);
        string strangerToken = (await ApiCalls.CreateTokenAsync(stranger, "all", ["reports:read", "reports:write"])).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCalls.WithTokenAsync(stranger.Client, HttpMethod.Get, $"/api/reports/{id}/ballots", strangerToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeadlineSteps.PostJsonWithTokenAsync(stranger.Client, $"/api/reports/{id}/ballots/{ballot.Id}/vote", strangerToken, new { vote = "yes" })).StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.BallotVotes.CountAsync(v => v.Yes != null)));
        Assert.Equal(0, await factory.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.BallotVote)));

        // Without the anti-forgery token nothing is recorded.
        await reporter.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.BadRequest, (await reporter.PostAsync($"/reports/{id}/ballots/vote", new() { ["ballot"] = ballot.Id.ToString(), ["vote"] = "yes" }, withToken: false)).Response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.BallotVotes.CountAsync(v => v.Yes != null)));

        // The reporter votes through the API with a token; a vote that is neither yes nor no is refused by field. With two
        // voters, one no already decides it.
        string token = (await ApiCalls.CreateTokenAsync(reporter, "ballots", ["reports:read", "reports:write"])).GetProperty("token").GetString()!;
        var bad = await DeadlineSteps.PostJsonWithTokenAsync(reporter.Client, $"/api/reports/{id}/ballots/{ballot.Id}/vote", token, new { vote = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"vote\"", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var no = await DeadlineSteps.PostJsonWithTokenAsync(reporter.Client, $"/api/reports/{id}/ballots/{ballot.Id}/vote", token, new { vote = "no" });
        Assert.Equal(HttpStatusCode.OK, no.StatusCode);
        var answer = JsonDocument.Parse(await no.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(1, answer.GetProperty("no").GetInt32());
        Assert.Equal(2, answer.GetProperty("eligible").GetInt32());
        Assert.False(answer.GetProperty("myVote").GetBoolean());
        Assert.Equal("failed", answer.GetProperty("outcome").GetString());
        var list = await ApiCalls.WithTokenAsync(reporter.Client, HttpMethod.Get, $"/api/reports/{id}/ballots", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(Reason, await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditLog.CountAsync(a => a.Action == AuditActions.BallotVote && a.Actor != Disclosure.Workflow.Actor.ClockId)));
    }
}
