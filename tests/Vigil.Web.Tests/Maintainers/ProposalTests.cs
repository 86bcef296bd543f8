using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Features.Maintainers;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>A maintainer proposes the fixed version and a release date; the triager starts from it when marking fixed.</summary>
public sealed class ProposalTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_maintainer_proposes_a_fix_the_thread_shows_it_and_marking_fixed_starts_from_it(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        await ReportSteps.TransitionAsync(triager, id, "Accept");
        using var maintainer = await MaintainerSteps.InviteAndJoinAsync(factory, triager, id, "maintainer@example.org");
        var due = await factory.QueryAsync(db => db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.PublicationDueAt).SingleAsync());
        Assert.NotNull(due);
        string today = factory.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string yesterday = factory.Time.GetUtcNow().UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string afterDue = due.Value.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (page, pageBody) = await maintainer.GetAsync($"/reports/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("action=\"/reports/" + id + "/proposals\"", pageBody, StringComparison.Ordinal);

        // Refusals name the field and store nothing.
        foreach (var (version, date, message) in new[]
        {
            ("banana", "", "fixedVersion: The fixed version is not an npm version"),
            ("", "", "fixedVersion: The fixed version is required"),
            ("1.3.0", "", "fixedVersion: 1.3.0 is inside the affected range"),
            ("1.3.1", yesterday, "releaseDate: The release date is in the past."),
            ("1.3.1", "next friday", "releaseDate: The release date is not a date"),
            ("1.3.1", "2026-02-30", "releaseDate: The release date is not a date"),
        })
        {
            await maintainer.GetAsync($"/reports/{id}");
            var (refused, body) = await maintainer.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = version, ["releaseDate"] = date }, withToken: true);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(System.Net.WebUtility.HtmlEncode(message), body, StringComparison.Ordinal);
        }

        Assert.Equal(0, await factory.QueryAsync(db => db.Set<ReportProposalRecord>().CountAsync()));
        int mailsBefore = (await factory.OutboxToAsync("reporter@example.org")).Count;

        await maintainer.GetAsync($"/reports/{id}");
        var (accepted, _) = await maintainer.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = " 1.3.1 ", ["releaseDate"] = today }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/reports/{id}#proposals", accepted.Headers.Location!.OriginalString);
        await maintainer.GetAsync($"/reports/{id}");
        var (late, _) = await maintainer.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = "2.0.0", ["releaseDate"] = afterDue }, withToken: true);
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);

        var stored = await factory.QueryAsync(db => db.Set<ReportProposalRecord>().AsNoTracking().OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.Equal("1.3.1", stored[0].FixedVersion);
        Assert.Equal(DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture), stored[0].ReleaseDate);
        Assert.False(stored[0].AfterDeadline);
        Assert.True(stored[1].AfterDeadline);

        // In the thread for everyone on the report, with who and when; participants are told; audited.
        var (_, reporterView) = await reporter.GetAsync($"/reports/{id}");
        Assert.Contains("Fixed in <code>1.3.1</code>, release planned on " + today, reporterView, StringComparison.Ordinal);
        Assert.Contains("<strong>maintainer@example.org</strong>", reporterView, StringComparison.Ordinal);
        Assert.Contains("after the publication deadline", reporterView, StringComparison.Ordinal);
        Assert.DoesNotContain("action=\"/reports/" + id + "/proposals\"", reporterView, StringComparison.Ordinal);
        var reporterMails = await factory.OutboxToAsync("reporter@example.org");
        Assert.Equal(mailsBefore + 2, reporterMails.Count);
        Assert.Contains("version 2.0.0", reporterMails[^1].TextBody, StringComparison.Ordinal);
        Assert.Contains("after the publication deadline", reporterMails[^1].TextBody, StringComparison.Ordinal);
        Assert.Contains(await factory.OutboxToAsync("triager@example.org"), m => m.TextBody.Contains("version 1.3.1", StringComparison.Ordinal));
        Assert.DoesNotContain(await factory.OutboxToAsync("maintainer@example.org"), m => m.Subject.Contains("fix is proposed", StringComparison.Ordinal));
        var audits = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action == "report.fix-proposed").OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(2, audits.Count);
        Assert.Equal($"1.3.1, release on {today}", audits[0].Detail);

        // The reporter cannot propose.
        var (byReporter, _) = await reporter.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = "9.0.0" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, byReporter.StatusCode);
        Assert.Equal(2, await factory.QueryAsync(db => db.Set<ReportProposalRecord>().CountAsync()));

        // The triager marks it fixed: the field starts from the latest proposal.
        await ReportSteps.TransitionAsync(triager, id, "ContactMaintainer");
        await ReportSteps.TransitionAsync(triager, id, "StartFix");
        var (_, triageView) = await triager.GetAsync($"/reports/{id}");
        Assert.Contains("name=\"fixedVersion\" type=\"text\" maxlength=\"256\" value=\"2.0.0\"", triageView, StringComparison.Ordinal);
        var (fixedResponse, _) = await ReportSteps.TransitionAsync(triager, id, "MarkFixed", new() { ["fixedVersion"] = "2.0.0" });
        Assert.Equal(HttpStatusCode.Redirect, fixedResponse.StatusCode);
        Assert.Equal("fixed", await ReportSteps.StateAsync(factory, id));

        // Fixed: no more proposals.
        await maintainer.GetAsync($"/reports/{id}");
        var (closed, closedBody) = await maintainer.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = "2.0.1" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("not yet fixed", closedBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposals_wait_until_the_report_is_accepted()
    {
        using var factory = new PlatformFactory();
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);

        await triager.GetAsync($"/reports/{id}");
        var (refused, body) = await triager.PostAsync($"/reports/{id}/proposals", new() { ["fixedVersion"] = "1.3.1" }, withToken: true);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("it is new", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<ReportProposalRecord>().CountAsync()));
    }
}
