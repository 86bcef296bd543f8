using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Features.Reports;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Deadlines;

/// <summary>The steps the clock tests share: moving the fake clock, accepted reports, one pass of the worker.</summary>
internal static class DeadlineSteps
{
    public const string DigestSubject = "[Vigil] Daily digest";

    /// <summary>Moves the fake clock forward to the next <paramref name="day"/> at <paramref name="hour"/>:00 UTC.</summary>
    public static DateTimeOffset AdvanceTo(PlatformFactory factory, DayOfWeek day, int hour)
    {
        var now = factory.Time.GetUtcNow();
        var target = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(hour);
        while (target <= now || target.DayOfWeek != day)
        {
            target = target.AddDays(1);
        }

        factory.Time.Advance(target - now);
        return target;
    }

    /// <summary>Moves the fake clock forward to <paramref name="at"/>.</summary>
    public static void AdvanceTo(PlatformFactory factory, DateTimeOffset at)
    {
        var now = factory.Time.GetUtcNow();
        Assert.True(at > now, $"the clock cannot go back from {now:O} to {at:O}");
        factory.Time.Advance(at - now);
    }

    /// <summary>One pass of the worker at the fake clock's time.</summary>
    public static Task<DeadlinePassResult> PassAsync(PlatformFactory factory) =>
        factory.Services.GetRequiredService<DeadlinePass>().RunOnceAsync(factory.Time.GetUtcNow(), TestContext.Current.CancellationToken);

    /// <summary>A reporter's report accepted by a triager; returns its id.</summary>
    public static async Task<Guid> AcceptedReportAsync(TestBrowser reporter, TestBrowser triager)
    {
        var id = await ReportSteps.SubmitAsync(reporter);
        var (response, body) = await ReportSteps.TransitionAsync(triager, id, "Accept");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Accept answered {(int)response.StatusCode}: {body}");
        return id;
    }

    public static Task<ReportRecord> ReportAsync(PlatformFactory factory, Guid id) =>
        factory.QueryAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == id));

    public static DateTimeOffset DueOf(ReportRecord record) => ReportService.Utc(record.PublicationDueAt!.Value);

    /// <summary>The digests sent to an address, oldest first.</summary>
    public static async Task<List<OutboxMessage>> DigestsToAsync(PlatformFactory factory, string to) =>
        (await factory.OutboxToAsync(to)).Where(m => m.Subject.StartsWith(DigestSubject, StringComparison.Ordinal)).ToList();

    /// <summary>Opens a ballot through the report page's form.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> OpenBallotAsync(TestBrowser browser, Guid id, string proposedDue, string reason = "The maintainer needs two more weeks for the release.")
    {
        await browser.GetAsync($"/reports/{id}");
        return await browser.PostAsync($"/reports/{id}/ballots/open", new() { ["proposedDue"] = proposedDue, ["reason"] = reason }, withToken: true);
    }

    /// <summary>Votes through the report page's buttons.</summary>
    public static async Task<(HttpResponseMessage Response, string Body)> VoteAsync(TestBrowser browser, Guid id, Guid ballot, string vote)
    {
        await browser.GetAsync($"/reports/{id}");
        return await browser.PostAsync($"/reports/{id}/ballots/vote", new() { ["ballot"] = ballot.ToString(), ["vote"] = vote }, withToken: true);
    }

    public static Task<BallotRecord> BallotAsync(PlatformFactory factory, Guid reportId) =>
        factory.QueryAsync(db => db.Ballots.AsNoTracking().SingleAsync(b => b.ReportId == reportId));

    /// <summary>A JSON POST with a bearer token.</summary>
    public static async Task<HttpResponseMessage> PostJsonWithTokenAsync(HttpClient client, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
