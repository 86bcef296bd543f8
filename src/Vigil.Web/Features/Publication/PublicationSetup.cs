using System.Text;
using Microsoft.Net.Http.Headers;
using Vigil.Data.Advisories;
using Vigil.Disclosure.Reports;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Reports;
using Vigil.Web.Features.Snapshots;
using Vigil.Web.Infrastructure.Operations;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Publication;

/// <summary>
/// Registration and endpoints of publication: the advisory a published report becomes, the CVE record for the CNA,
/// and the public advisory pages (<c>/advisories</c>, <c>/advisories/{id}</c>, in this folder) and feed.
/// </summary>
public static class PublicationSetup
{
    /// <summary>Reads <c>Vigil:CvePool</c> and <c>Vigil:Cna</c> (a bad value stops the server, naming the setting).</summary>
    public static IServiceCollection AddPublication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PublicationOptions.From(configuration));
        services.AddScoped<PublicationService>();
        return services;
    }

    /// <summary>The CVE record download (triage) and the Atom feed (public).</summary>
    public static WebApplication MapPublication(this WebApplication app)
    {
        app.MapGet("/reports/{id:guid}/cve.json", CveRecordAsync)
            .RequireAuthorization(Policies.Interactive)
            .ExcludeFromDescription();
        app.MapGet("/advisories/feed.atom", Feed)
            .AllowAnonymous()
            // Public advisories only, nothing secret: may be compressed (CompressionSetup).
            .CompressPublicResponses()
            .RequireRateLimiting(RateLimits.PublicApi)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The CVE JSON 5.1 record of a published report, as a download, for the triage team and administrators; 404 for
    /// everyone else and for reports that are not published, as if it did not exist.
    /// </summary>
    internal static async Task<IResult> CveRecordAsync(Guid id, HttpContext http, ReportService reports, PublicationService publication)
    {
        var viewer = await reports.ViewerAsync(http.User);
        if (viewer is null || !(viewer.IsTriager || viewer.IsAdministrator))
        {
            return Results.NotFound();
        }

        var found = await reports.FindVisibleAsync(id, viewer, http.RequestAborted);
        if (found is not { } visible)
        {
            return Results.NotFound();
        }

        var report = reports.ToDomain(visible.Record, visible.Participants);
        var result = report.State == ReportState.Published ? publication.CveRecord(id, report) : null;
        if (result is not { } record)
        {
            return Results.NotFound();
        }

        if (record.Problem is { } problem)
        {
            return Results.Problem(detail: problem, statusCode: StatusCodes.Status409Conflict, title: "No CVE record can be written yet.");
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{record.CveId}.json");
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.Text(record.Json!, "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// The feed of the whole database's new and updated advisories (the one feed: imported, synced and published
    /// alike), with an entity tag and the time of the database's last change, so that a reader polls with
    /// <c>If-None-Match</c> and gets 304 until something changed.
    /// </summary>
    private static IResult Feed(HttpContext http, AdvisoryStore store, AccountLinks links, TimeProvider time)
    {
        var change = store.Changes();
        var latest = store.Latest(null, null, 0, AtomFeed.Size).Advisories;
        var feed = AtomFeed.Write(latest, links.BaseUrl(http.Request), time.GetUtcNow());
        return SnapshotFile.InMemory(feed, "application/atom+xml; charset=utf-8").Send(http, change.Changed);
    }
}
