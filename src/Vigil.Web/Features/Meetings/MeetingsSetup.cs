using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Governance.Meetings;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Snapshots;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Meetings;

/// <summary>
/// The group's meetings (issue 7): the public pages <c>/meetings</c> and <c>/meetings/{id}</c>, the members' pages
/// (<c>/meetings/new</c>, <c>/meetings/{id}/edit</c>), and the iCalendar feed and files, all in this folder.
/// </summary>
public static class MeetingsSetup
{
    /// <summary>Registers the meetings feature's services.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        // The configured rules (Features/Policies) take precedence; until then the WG's written numbers.
        services.TryAddSingleton(GroupRules.Default);
        services.AddScoped<MeetingService>();
        return services;
    }

    /// <summary>The public calendars: every meeting of the last year and to come, and one meeting's file.</summary>
    public static WebApplication MapMeetings(this WebApplication app)
    {
        app.MapGet("/meetings.ics", FeedAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicApi)
            .ExcludeFromDescription();
        app.MapGet("/meetings/{id:long}/meeting.ics", OneAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicApi)
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The feed, with an entity tag, so that a calendar polling with <c>If-None-Match</c> gets 304 until a meeting changes.</summary>
    private static async Task<IResult> FeedAsync(HttpContext http, MeetingService meetings, AccountLinks links)
    {
        var (events, changed) = await meetings.EventsAsync(links.BaseUrl(http.Request), null, http.RequestAborted);
        return Send(http, ICalendarWriter.Write(MeetingCalendar.ProductId, MeetingCalendar.Name, events), changed);
    }

    private static async Task<IResult> OneAsync(long id, HttpContext http, MeetingService meetings, AccountLinks links)
    {
        var (events, changed) = await meetings.EventsAsync(links.BaseUrl(http.Request), id, http.RequestAborted);
        if (events.Count == 0)
        {
            return Results.NotFound();
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"meeting-{id}.ics\"";
        return Send(http, ICalendarWriter.Write(MeetingCalendar.ProductId, null, events), changed);
    }

    private static IResult Send(HttpContext http, string calendar, DateTimeOffset changed) =>
        SnapshotFile.InMemory(Encoding.UTF8.GetBytes(calendar), ICalendarWriter.MediaType).Send(http, changed);
}
