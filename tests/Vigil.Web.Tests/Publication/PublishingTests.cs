using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data;
using Vigil.Data.Advisories;
using Vigil.Disclosure.Workflow;
using Vigil.Domain.Osv;
using Vigil.Web.Features.Reports;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Publication;

/// <summary>
/// Publishing a report stores its advisory in the advisory database, in the transition's transaction: the next
/// NSWG-ECO id, the OSV record, the credits, a CVE id from the pool (or requested); once, however often it is tried.
/// </summary>
public sealed class PublishingTests
{
    private const string Pool = "CVE-2026-1000, CVE-2026-1001;CVE-2026-1002";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Publishing_stores_the_next_advisory_with_its_OSV_content_and_a_CVE_from_the_pool_until_it_runs_out(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, new() { ["Vigil:CvePool"] = Pool });
        var store = PublicationSteps.Store(factory);
        store.Import([
            new(PublicationSteps.Imported("NSWG-ECO-519", "2024-01-01T00:00:00Z", "The WG's last one"), "nswg-npm"),
            new(PublicationSteps.Imported("GHSA-2222-3333-4444", "2024-02-01T00:00:00Z", "Holds the first pool id", aliases: ["CVE-2026-1000"]), "osv"),
        ]);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, triagerUser) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        var second = await ReportSteps.SubmitAsync(reporter);
        var third = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, triager, id);

        // Renamed after submitting: the reporter's session ends with the new name, and is not needed any more.
        await PublicationSteps.RenameAsync(factory, "reporter@example.org", "alice-sec");
        var publishedAt = factory.Time.GetUtcNow();

        await PublicationSteps.PublishAsync(factory, triager, id);

        var advisory = Assert.Single(store.Find("NSWG-ECO-520"));
        Assert.Equal("vigil-platform", advisory.Source);
        var record = advisory.Record;
        Assert.Equal(["CVE-2026-1001"], record.Aliases);
        Assert.Equal("Prototype pollution in padStart", record.Summary);
        Assert.Equal(ReportSteps.ValidForm()["Form.Description"], record.Details);
        Assert.Equal(publishedAt.ToUnixTimeSeconds(), record.Published!.Value!.Value.ToUnixTimeSeconds());
        var affected = Assert.Single(record.Affected!);
        Assert.Equal(("npm", "left-pad", "pkg:npm/left-pad"), (affected.Package!.Ecosystem, affected.Package.Name, affected.Package.Purl));
        var range = Assert.Single(affected.Ranges!);
        Assert.Equal([(OsvEventKind.Introduced, "0"), (OsvEventKind.Fixed, "1.3.1")], range.Events.Select(e => (e.Kind.Value, e.Version)));
        var severity = Assert.Single(record.Severity!);
        Assert.Equal((OsvSeverityType.CvssV3, ReportSteps.Vector), (severity.Type.Value, severity.Score));
        Assert.Equal([("alice-sec", OsvCreditType.Finder), ("Anonymous", OsvCreditType.Coordinator)], record.Credits!.Select(c => (c.Name, c.Type!.Value.Value)));
        Assert.DoesNotContain("@", string.Concat(record.Credits!.Select(c => c.Name)), StringComparison.Ordinal);
        var reference = Assert.Single(record.References!);
        Assert.Equal((OsvReferenceType.Advisory, "https://vigil.test/advisories/NSWG-ECO-520"), (reference.Type.Value, reference.Url));
        var specific = record.DatabaseSpecific!.Value;
        Assert.Equal("CWE-1321", specific.GetProperty("cwe_ids")[0].GetString());
        Assert.Equal("1.3.1", specific.GetProperty("fixed_version").GetString());

        var publish = await factory.QueryAsync(db => db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id && e.Action == "Publish").SingleAsync());
        Assert.Equal("NSWG-ECO-520 CVE-2026-1001", publish.Detail);
        Assert.Equal(triagerUser.Id, publish.ActorId);

        if (engine == "sqlite")
        {
            // What the CLI does for `vigil db show`: Vigil.Data on the same file, opened on its own.
            var cli = new AdvisoryStore(VigilDatabase.OpenSqlite(factory.DatabasePath, create: false));
            Assert.Equal("NSWG-ECO-520", Assert.Single(cli.Find("cve-2026-1001")).Record.Id);
            Assert.Equal(record, Assert.Single(cli.Find("NSWG-ECO-520")).Record);
        }

        // The next two take the last pool id, then find the pool used up: "requested".
        await PublicationSteps.FixAsync(factory, triager, second);
        await PublicationSteps.PublishAsync(factory, triager, second);
        await PublicationSteps.FixAsync(factory, triager, third);
        await PublicationSteps.PublishAsync(factory, triager, third);
        Assert.Equal(["CVE-2026-1002"], Assert.Single(store.Find("NSWG-ECO-521")).Record.Aliases);
        Assert.Null(Assert.Single(store.Find("NSWG-ECO-522")).Record.Aliases);
        Assert.Equal("NSWG-ECO-522 CVE requested", await factory.QueryAsync(db => db.ReportEvents.AsNoTracking().Where(e => e.ReportId == third && e.Action == "Publish").Select(e => e.Detail).SingleAsync()));

        var (page, body) = await factory.Browser().GetAsync("/advisories/NSWG-ECO-522");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<dt>CVE</dt><dd>requested</dd>", body, StringComparison.Ordinal);

        // No CVE record without an id, nor without a CNA: a clear 409 for the triager.
        var (requested, requestedBody) = await triager.GetAsync($"/reports/{third}/cve.json");
        Assert.Equal(HttpStatusCode.Conflict, requested.StatusCode);
        Assert.Contains("requested", requestedBody, StringComparison.Ordinal);
        var (noCna, noCnaBody) = await triager.GetAsync($"/reports/{id}/cve.json");
        Assert.Equal(HttpStatusCode.Conflict, noCna.StatusCode);
        Assert.Contains("Vigil:Cna:OrgId", noCnaBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Withdrawing_a_published_report_withdraws_its_advisory_everywhere_it_is_read(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, new() { ["Vigil:CvePool"] = Pool });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, triager, id);
        await PublicationSteps.PublishAsync(factory, triager, id);
        var store = PublicationSteps.Store(factory);
        Assert.Null(Assert.Single(store.Find("NSWG-ECO-1")).Record.Withdrawn);

        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var (response, body) = await ReportSteps.TransitionAsync(triager, id, "Withdraw", new() { ["reason"] = "Not a vulnerability after all." });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Withdraw: {(int)response.StatusCode} {body}");
        Assert.Equal("withdrawn", await ReportSteps.StateAsync(factory, id));

        Assert.Equal("NSWG-ECO-1 withdrawn", await factory.QueryAsync(db => db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id && e.Action == "Withdraw").Select(e => e.Detail).SingleAsync()));
        var withdrawn = Assert.Single(store.Find("CVE-2026-1000")).Record;
        Assert.NotNull(withdrawn.Withdrawn);
        Assert.Equal(factory.Time.GetUtcNow(), withdrawn.Withdrawn.Value);
        Assert.Equal(withdrawn.Withdrawn, withdrawn.Modified);
        var (_, list) = await factory.Browser().GetAsync("/advisories");
        Assert.Contains("(withdrawn)", list, StringComparison.Ordinal);
        var (_, feed) = await factory.Browser().GetAsync("/advisories/feed.atom");
        Assert.Contains("NSWG-ECO-1", feed, StringComparison.Ordinal);

        // A second withdrawal is refused by the workflow and changes nothing.
        var (again, _) = await ReportSteps.TransitionAsync(triager, id, "Withdraw", new() { ["reason"] = "Again." });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(withdrawn, Assert.Single(store.Find("NSWG-ECO-1")).Record);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Publishing_twice_or_at_once_never_makes_a_second_advisory(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine, new() { ["Vigil:CvePool"] = Pool });
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (first, _) = await ReportSteps.TriagerAsync(factory, "first@example.org");
        var (other, otherUser) = await ReportSteps.TriagerAsync(factory, "other@example.org");
        using var _f = first;
        using var _o = other;
        var id = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, first, id);

        // Both triagers have the page open with its Publish button, and press it at the same time.
        await first.GetAsync($"/reports/{id}");
        await other.GetAsync($"/reports/{id}");
        var answers = await Task.WhenAll(
            first.PostAsync($"/reports/{id}/transition", new() { ["action"] = "Publish" }, withToken: true),
            other.PostAsync($"/reports/{id}/transition", new() { ["action"] = "Publish" }, withToken: true));

        Assert.Single(answers, a => a.Response.StatusCode == HttpStatusCode.Redirect);
        var refused = Assert.Single(answers, a => a.Response.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Response.StatusCode);
        Assert.Contains("fixed", refused.Body, StringComparison.Ordinal);

        // Once more through the service, as the deadline worker would call it.
        var again = await factory.WithScopeAsync(services => services.GetRequiredService<ReportService>()
            .TransitionAsync(id, new Viewer(otherUser.Id, IsTriager: true, IsAdministrator: false), new TransitionRequest(ReportAction.Publish)));
        Assert.Equal(WorkflowErrorCode.WrongState, again!.Code);

        var store = PublicationSteps.Store(factory);
        Assert.Equal(["NSWG-ECO-1"], store.All().Where(a => a.Source == "vigil-platform").Select(a => a.Record.Id));
        Assert.Equal(["CVE-2026-1000"], store.Find("NSWG-ECO-1").Single().Record.Aliases);
        Assert.Equal(1, await factory.QueryAsync(db => db.ReportEvents.CountAsync(e => e.ReportId == id && e.Action == "Publish")));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Publishing_at_the_deadline_through_the_service_stores_an_advisory_without_a_fix(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, triagerUser) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter);
        foreach (string action in new[] { "Accept", "ContactMaintainer" })
        {
            var (response, _) = await ReportSteps.TransitionAsync(triager, id, action);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        var viewer = new Viewer(triagerUser.Id, IsTriager: true, IsAdministrator: false);
        Task<WorkflowError?> PublishAtDeadline() => factory.WithScopeAsync(services => services.GetRequiredService<ReportService>()
            .TransitionAsync(id, viewer, new TransitionRequest(ReportAction.PublishAtDeadline)));

        var early = await PublishAtDeadline();
        Assert.Equal(WorkflowErrorCode.DeadlineNotReached, early!.Code);
        Assert.Empty(PublicationSteps.Store(factory).All());

        factory.Time.Advance(TimeSpan.FromDays(46));
        Assert.Null(await PublishAtDeadline());

        Assert.Equal("published", await ReportSteps.StateAsync(factory, id));
        var record = Assert.Single(PublicationSteps.Store(factory).All()).Record;
        Assert.Equal("NSWG-ECO-1", record.Id);
        Assert.Null(record.Aliases);
        Assert.Equal(JsonValueKind.Null, record.DatabaseSpecific!.Value.GetProperty("fixed_version").ValueKind);
        Assert.DoesNotContain(record.Credits!, c => c.Type!.Value.Value == OsvCreditType.RemediationDeveloper);
        Assert.Equal(factory.Time.GetUtcNow().ToUnixTimeSeconds(), record.Published!.Value!.Value.ToUnixTimeSeconds());
    }
}
