using System.Net;
using System.Text.Json;
using Vigil.Testing;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Meetings;

/// <summary>The steps of a meeting (its people come from <see cref="GroupSteps"/>).</summary>
internal static class MeetingSteps
{
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
