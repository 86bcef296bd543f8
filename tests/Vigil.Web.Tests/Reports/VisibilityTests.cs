using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Reports;

/// <summary>
/// Who sees a report: its participants, the triage team, administrators. To anyone else it does not exist (404 on
/// every route), its words appear nowhere they can read, nor in logs or the database file; every read is audited.
/// </summary>
public sealed class VisibilityTests
{
    private const string Canary = "CANARY-7f3a9c1e-do-not-leak";

    [Fact]
    public async Task A_non_participant_gets_404_on_every_report_route_and_the_canary_appears_nowhere_they_or_the_logs_or_the_file_see()
    {
        using var factory = new PlatformFactory(new() { [PlatformFactory.TraceLogs] = "true" });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(
            reporter,
            ReportSteps.ValidForm(description: "Secret detail " + Canary, title: "Title " + Canary, proof: "poc " + Canary),
            ("proof.txt", System.Text.Encoding.UTF8.GetBytes("file " + Canary)));
        await ReportSteps.CommentAsync(reporter, id, "comment " + Canary);
        await ReportSteps.CommentAsync(triager, id, "note " + Canary, isInternal: true);
        await ReportSteps.TransitionAsync(triager, id, "RequestInfo", new() { ["reason"] = "question " + Canary });
        var attachment = await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.Id).SingleAsync());

        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        string token = (await ApiCalls.CreateTokenAsync(stranger, "all", ["reports:read", "reports:write"])).GetProperty("token").GetString()!;
        var seen = new List<string>();
        foreach (var path in new[] { $"/reports/{id}", $"/reports/{id}/transition", $"/reports/{id}/comment", $"/reports/{id}/attachments/{attachment}" })
        {
            var (response, body) = await stranger.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)response.StatusCode}");
            seen.Add(body);
        }

        await stranger.GetAsync("/reports");
        foreach (var (path, fields) in new[]
        {
            ($"/reports/{id}/transition", new Dictionary<string, string> { ["action"] = "Accept" }),
            ($"/reports/{id}/transition", new Dictionary<string, string> { ["action"] = "ProvideInfo" }),
            ($"/reports/{id}/comment", new Dictionary<string, string> { ["body"] = "let me in" }),
        })
        {
            var (response, body) = await stranger.PostAsync(path, fields, withToken: true);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {path}: {(int)response.StatusCode}");
            seen.Add(body);
        }

        using (var api = await ApiCalls.WithTokenAsync(stranger.Client, HttpMethod.Get, $"/api/reports/{id}", token))
        {
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            seen.Add(await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using (var list = await ApiCalls.WithTokenAsync(stranger.Client, HttpMethod.Get, "/api/reports", token))
        {
            string body = await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain(id.ToString(), body, StringComparison.Ordinal);
            seen.Add(body);
        }

        seen.Add((await stranger.GetAsync("/reports")).Body);
        Assert.DoesNotContain(seen, body => body.Contains(Canary, StringComparison.Ordinal) || body.Contains("left-pad", StringComparison.Ordinal));

        // A report that does not exist answers the same.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/reports/{Guid.NewGuid()}")).Response.StatusCode);

        // Nothing was changed by the stranger's posts.
        Assert.Equal("needs-info", await ReportSteps.StateAsync(factory, id));
        Assert.Equal(2, await factory.QueryAsync(db => db.ReportComments.CountAsync()));

        // The participants do see it (so the canary is really there), yet no e-mail, log line or database byte holds it.
        Assert.Contains(Canary, (await reporter.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);
        var mail = await factory.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.NotEmpty(mail);
        Assert.DoesNotContain(mail, m => (m.Subject + m.TextBody).Contains(Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(Canary, factory.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, factory.DatabaseText(), StringComparison.Ordinal);
        Assert.DoesNotContain(System.Text.Encoding.Latin1.GetString(System.Text.Encoding.Unicode.GetBytes(Canary)), factory.DatabaseText(), StringComparison.Ordinal);
    }

    /// <summary>Every route that names a report, and how the stranger calls it. A new one without an entry fails the test below.</summary>
    private static readonly Dictionary<string, string[]> ReportRoutes = new(StringComparer.Ordinal)
    {
        ["/reports/{id:guid}/{handler?}"] = ["GET /reports/{id}", "GET /reports/{id}/transition", "POST /reports/{id}/transition", "POST /reports/{id}/comment", "POST /reports/{id}/invite", "POST /reports/{id}/remove", "POST /reports/{id}", "POST /reports/{id}/other", "GET /reports/{id}/other"],
        ["/reports/{id:guid}/attachments/{attachmentId:guid}"] = ["GET /reports/{id}/attachments/{attachment}"],
        ["/api/reports/{id:guid}"] = ["GET /api/reports/{id}"],
        ["/reports/{id:guid}/cve.json"] = ["GET /reports/{id}/cve.json"],
        ["/reports/{id:guid}/maintainers"] = ["GET /reports/{id}/maintainers", "POST /reports/{id}/maintainers"],
        ["/reports/{id:guid}/proposals"] = ["GET /reports/{id}/proposals", "POST /reports/{id}/proposals"],
        ["/reports/{id:guid}/ballots/{handler?}"] = ["GET /reports/{id}/ballots", "GET /reports/{id}/ballots/vote", "POST /reports/{id}/ballots", "POST /reports/{id}/ballots/open", "POST /reports/{id}/ballots/vote", "POST /reports/{id}/ballots/other"],
        ["/api/reports/{id:guid}/ballots"] = ["GET /api/reports/{id}/ballots", "POST /api/reports/{id}/ballots"],
        ["/api/reports/{id:guid}/ballots/{ballotId:guid}/vote"] = ["POST /api/reports/{id}/ballots/{attachment}/vote"],
    };

    [Fact]
    public async Task Every_route_that_names_a_report_answers_404_to_a_stranger_and_changes_nothing()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var id = await ReportSteps.SubmitAsync(reporter, null, ("a.txt", "x"u8.ToArray()));
        var attachment = await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.Id).SingleAsync());
        using var stranger = await ReportSteps.ReporterAsync(factory, "stranger@example.org");
        string token = (await ApiCalls.CreateTokenAsync(stranger, "all", ["reports:read", "reports:write"])).GetProperty("token").GetString()!;
        await stranger.GetAsync("/reports");

        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(r => r.Contains("{id", StringComparison.Ordinal) && (r.StartsWith("/reports", StringComparison.Ordinal) || r.StartsWith("/api/reports", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(ReportRoutes.Keys.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));

        foreach (string call in ReportRoutes.Values.SelectMany(c => c))
        {
            string[] parts = call.Split(' ');
            string path = parts[1].Replace("{id}", id.ToString(), StringComparison.Ordinal).Replace("{attachment}", attachment.ToString(), StringComparison.Ordinal);
            HttpResponseMessage response;
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                response = await ApiCalls.WithTokenAsync(stranger.Client, new HttpMethod(parts[0]), path, token);
            }
            else if (parts[0] == "GET")
            {
                response = (await stranger.GetAsync(path)).Response;
            }
            else
            {
                response = (await stranger.PostAsync(path, new() { ["action"] = "Accept", ["body"] = "x" }, withToken: true)).Response;
            }

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{call} answered {(int)response.StatusCode}");
        }

        Assert.Equal("new", await ReportSteps.StateAsync(factory, id));
        Assert.Equal(0, await factory.QueryAsync(db => db.ReportComments.CountAsync()));
    }

    [Fact]
    public async Task Internal_notes_are_for_the_triage_team_only()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);

        await ReportSteps.CommentAsync(triager, id, "internal: probably a duplicate of last week's", isInternal: true);
        await ReportSteps.CommentAsync(triager, id, "Thanks, we are looking at it.");

        var (_, reporterView) = await reporter.GetAsync($"/reports/{id}");
        Assert.Contains("Thanks, we are looking at it.", reporterView, StringComparison.Ordinal);
        Assert.DoesNotContain("probably a duplicate", reporterView, StringComparison.Ordinal);
        Assert.DoesNotContain("Internal note", reporterView, StringComparison.Ordinal);
        Assert.Contains("probably a duplicate", (await triager.GetAsync($"/reports/{id}")).Body, StringComparison.Ordinal);

        // The reporter cannot write one either.
        var (refused, _) = await ReportSteps.CommentAsync(reporter, id, "sneaky", isInternal: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(2, await factory.QueryAsync(db => db.ReportComments.CountAsync()));
    }

    [Fact]
    public async Task A_removed_participant_loses_access_on_the_very_next_request()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var maintainer = await factory.CreateUserAsync("maintainer@example.org", [Roles.Maintainer]);
        using var maintainerBrowser = factory.Browser();
        await maintainerBrowser.SignInAsync("maintainer@example.org");
        var id = await ReportSteps.SubmitAsync(reporter);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            db.ReportParticipants.Add(new() { ReportId = id, UserId = maintainer.Id, Role = "maintainer", AddedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await maintainerBrowser.GetAsync($"/reports/{id}")).Response.StatusCode);

        await factory.WithScopeAsync(services => services.GetRequiredService<PlatformDbContext>().ReportParticipants.Where(p => p.UserId == maintainer.Id).ExecuteDeleteAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await maintainerBrowser.GetAsync($"/reports/{id}")).Response.StatusCode);
        Assert.DoesNotContain(id.ToString(), (await maintainerBrowser.GetAsync("/reports")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attachments_are_served_only_as_downloads_to_participants()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        byte[] html = "<html><script>alert(1)</script></html>"u8.ToArray();
        var id = await ReportSteps.SubmitAsync(reporter, null, ("../../evil.html", html));
        var attachment = await factory.QueryAsync(db => db.ReportAttachments.Select(a => a.Id).SingleAsync());

        var response = await reporter.Client.GetAsync($"/reports/{id}/attachments/{attachment}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.DoesNotContain("/", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(html, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        // Stored sealed: the bytes are not in the file.
        Assert.DoesNotContain("<script>alert(1)</script>", factory.DatabaseText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Every_read_is_in_the_audit_log_whose_chain_verifies_and_detects_an_edit(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, triagerUser) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        await triager.GetAsync($"/reports/{id}");
        await ReportSteps.TransitionAsync(triager, id, "Accept");
        await ReportSteps.CommentAsync(reporter, id, "thanks");

        var log = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync());
        Assert.Contains(log, e => e.Action == AuditActions.ReportRead && e.Actor == triagerUser.Id && e.Subject == id.ToString());
        Assert.Contains(log, e => e.Action == AuditActions.ReportSubmitted && e.Subject == id.ToString());
        Assert.Contains(log, e => e.Action == AuditActions.ReportTransition && e.Detail.StartsWith("Accept", StringComparison.Ordinal));
        Assert.True((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
        var head = await factory.QueryAsync(db => db.AuditHead.AsNoTracking().SingleAsync());
        Assert.Equal(log[^1].Sequence, head.Sequence);
        Assert.Equal(log[^1].Hash, head.Hash);

        // Someone hides that the triager read the report.
        long read = log.First(e => e.Action == AuditActions.ReportRead && e.Actor == triagerUser.Id).Sequence;
        await factory.WithScopeAsync(services => services.GetRequiredService<PlatformDbContext>().AuditLog.Where(a => a.Sequence == read)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "somebody-else")));
        var broken = await factory.QueryAsync(db => AuditLog.VerifyAsync(db));
        Assert.False(broken.IsIntact);
        Assert.Equal((int)read - 1, broken.FirstBadIndex);

        // Cutting entries off the end is caught by the stored head.
        await factory.WithScopeAsync(services => services.GetRequiredService<PlatformDbContext>().AuditLog.Where(a => a.Sequence >= read).ExecuteDeleteAsync());
        Assert.False((await factory.QueryAsync(db => AuditLog.VerifyAsync(db))).IsIntact);
    }
}
