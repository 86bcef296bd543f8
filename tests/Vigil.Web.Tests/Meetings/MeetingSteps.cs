using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Governance.Members;
using Vigil.Testing;
using Vigil.Web.Features.Members;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Meetings;

/// <summary>Group members (written to the roster's table directly: the roster's pages are the members feature's), and the steps of a meeting.</summary>
internal static class MeetingSteps
{
    /// <summary>An account and, unless <paramref name="status"/> is null, its membership; returns a signed-in browser.</summary>
    public static async Task<TestBrowser> PersonAsync(PlatformFactory factory, string email, MemberStatus? status)
    {
        var user = await factory.CreateUserAsync(email);
        if (status is { } s)
        {
            await factory.WithScopeAsync(async services =>
            {
                var db = services.GetRequiredService<Vigil.Web.Infrastructure.Persistence.PlatformDbContext>();
                db.GroupMembers.Add(new GroupMemberRecord
                {
                    UserId = user.Id, DisplayName = "Name of " + email, Handle = email.Split('@')[0], Status = s, JoinedAt = factory.Time.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync();
                return 0;
            });
        }

        var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
        return browser;
    }

    /// <summary>Schedules through the form; returns the meeting's id.</summary>
    public static async Task<long> ScheduleAsync(TestBrowser browser, string title, DateTimeOffset start, int minutes = 60, string? location = null)
    {
        var (response, body) = await browser.SubmitAsync("/meetings/new", new()
        {
            ["title"] = title,
            ["start"] = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["duration"] = minutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["location"] = location ?? string.Empty,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {body}");
        return long.Parse(response.Headers.Location!.OriginalString["/meetings/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the meeting's forms (<c>edit</c>, <c>edit/cancel</c>, <c>edit/agenda</c>, <c>edit/minutes</c>) from its page.</summary>
    public static Task<(HttpResponseMessage Response, string Body)> PostAsync(TestBrowser browser, long id, string action, Dictionary<string, string> fields) =>
        browser.SubmitAsync($"/meetings/{id}", fields, $"/meetings/{id}/{action}");

    /// <summary>The calendar as ical.js reads it (tests/tools/ical/parse.js).</summary>
    public static JsonElement Parse(string calendar) =>
        JsonDocument.Parse(NodeTools.RunNode(NodeTools.Tool("ical"), "parse.js", calendar, TimeSpan.FromMinutes(1))).RootElement.Clone();
}
