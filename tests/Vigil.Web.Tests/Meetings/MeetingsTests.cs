using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Web.Tests.Support;
using static Vigil.Web.Tests.Meetings.MeetingSteps;

namespace Vigil.Web.Tests.Meetings;

/// <summary>
/// Meetings end to end through the pages: scheduling by a member with the announcement to every active member,
/// agenda items until the start, a change (SEQUENCE bumped, mailed), the feed as ical.js reads it, cancellation,
/// minutes after the end rendered sanitized, and non-members refused.
/// </summary>
public sealed class MeetingsTests
{
    // Commas, semicolons, a backslash, quotes, markup and multibyte text: escaped in the feed, encoded on the pages; long enough to be folded.
    private const string Title = "Security WG: triage, CVEs; \"backlog\" \\ <b>review</b> — 日本語 😀 and a long tail to make the line fold";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_member_schedules_every_active_member_is_told_and_a_calendar_reads_what_was_scheduled(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var alice = await GroupSteps.PersonAsync(factory, "alice@example.org", MemberStatus.Active);
        using var bob = await GroupSteps.PersonAsync(factory, "bob@example.org", MemberStatus.Active);
        using var carol = await GroupSteps.PersonAsync(factory, "carol@example.org", MemberStatus.Emeritus);
        using var dave = await GroupSteps.PersonAsync(factory, "dave@example.org", null);
        var start = new DateTimeOffset(factory.Time.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(17), TimeSpan.Zero);

        long id = await ScheduleAsync(alice, Title, start, 45, "https://meet.example/wg, room 2; bring notes");
        Assert.Single(await factory.OutboxToAsync("alice@example.org"));
        var announced = Assert.Single(await factory.OutboxToAsync("bob@example.org"));
        Assert.Contains(Title, announced.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://vigil.test/meetings/{id}/meeting.ics", announced.TextBody, StringComparison.Ordinal);
        Assert.Contains("45 minutes", announced.TextBody, StringComparison.Ordinal);
        Assert.Empty(await factory.OutboxToAsync("carol@example.org"));
        Assert.Empty(await factory.OutboxToAsync("dave@example.org"));

        // Bob adds an item; Dave (not a member) cannot, nor schedule, nor change.
        var (added, _) = await PostAsync(bob, id, "edit/agenda", new() { ["title"] = "Review <script>alert(1)</script>", ["details"] = "first line\nsecond, line" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var (refusedAgenda, _) = await PostAsync(dave, id, "edit/agenda", new() { ["title"] = "Dave's item" });
        Assert.Contains("/account/access-denied", refusedAgenda.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (refusedNew, _) = await dave.GetAsync("/meetings/new");
        Assert.Contains("/account/access-denied", refusedNew.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (refusedChange, _) = await PostAsync(dave, id, "edit/cancel", new() { ["sequence"] = "0" });
        Assert.Contains("/account/access-denied", refusedChange.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.AgendaItems.CountAsync()));

        // Alice moves it by 30 minutes: SEQUENCE 1, mailed again with the agenda. A form of the old revision is refused.
        var moved = start.AddMinutes(30);
        var change = new Dictionary<string, string>
        {
            ["sequence"] = "0", ["title"] = Title, ["start"] = moved.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["duration"] = "45", ["location"] = "https://meet.example/wg, room 2; bring notes",
        };
        var (changed, _) = await PostAsync(alice, id, "edit", change);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var (stale, staleBody) = await PostAsync(alice, id, "edit", change);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone changed the meeting", staleBody, StringComparison.Ordinal);
        var update = (await factory.OutboxToAsync("bob@example.org"))[^1];
        Assert.StartsWith("[Vigil] Meeting changed:", update.Subject, StringComparison.Ordinal);
        Assert.Contains("Review <script>alert(1)</script> (Name of bob@example.org)", update.TextBody, StringComparison.Ordinal);

        // The public page encodes every text.
        using var anyone = factory.Browser();
        var (page, html) = await anyone.GetAsync($"/meetings/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>review</b>", html, StringComparison.Ordinal);
        Assert.Contains("Review &lt;script&gt;", html, StringComparison.Ordinal);

        // The feed, read by a real parser, says what was scheduled; a poll with its tag gets 304.
        var feed = await anyone.Client.GetAsync("/meetings.ics", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        string ics = await feed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("\r\n ", ics, StringComparison.Ordinal); // folded
        var calendar = Parse(ics);
        Assert.Equal("2.0", calendar.GetProperty("version").GetString());
        var e = Assert.Single(calendar.GetProperty("events").EnumerateArray());
        var stored = await factory.QueryAsync(db => db.Meetings.SingleAsync(m => m.Id == id));
        Assert.Equal(stored.Uid, e.GetProperty("uid").GetString());
        Assert.Equal(Title, e.GetProperty("summary").GetString());
        Assert.Equal("https://meet.example/wg, room 2; bring notes", e.GetProperty("location").GetString());
        Assert.Equal(moved.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), e.GetProperty("start").GetString());
        Assert.Equal(moved.AddMinutes(45).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), e.GetProperty("end").GetString());
        Assert.Equal(1, e.GetProperty("sequence").GetInt32());
        Assert.Equal("CONFIRMED", e.GetProperty("status").GetString());
        Assert.Equal($"Agenda:\n- Review <script>alert(1)</script>\n\nhttps://vigil.test/meetings/{id}", e.GetProperty("description").GetString());
        Assert.Equal($"https://vigil.test/meetings/{id}", e.GetProperty("url").GetString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/meetings.ics");
        again.Headers.IfNoneMatch.Add(feed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await anyone.Client.SendAsync(again, TestContext.Current.CancellationToken)).StatusCode);

        // Cancelled: STATUS:CANCELLED, SEQUENCE 2, a cancellation mail; the old tag no longer holds.
        var (cancelled, _) = await PostAsync(alice, id, "edit/cancel", new() { ["sequence"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.StartsWith("[Vigil] Meeting cancelled:", (await factory.OutboxToAsync("bob@example.org"))[^1].Subject, StringComparison.Ordinal);
        using var third = new HttpRequestMessage(HttpMethod.Get, "/meetings.ics");
        third.Headers.IfNoneMatch.Add(feed.Headers.ETag!);
        var after = await anyone.Client.SendAsync(third, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var one = Assert.Single(Parse(await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("events").EnumerateArray());
        Assert.Equal(("CANCELLED", 2), (one.GetProperty("status").GetString(), one.GetProperty("sequence").GetInt32()));
        var single = Parse(await anyone.Client.GetStringAsync($"/meetings/{id}/meeting.ics", TestContext.Current.CancellationToken));
        Assert.Equal(stored.Uid, Assert.Single(single.GetProperty("events").EnumerateArray()).GetProperty("uid").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.Client.GetAsync($"/meetings/{id + 100}/meeting.ics", TestContext.Current.CancellationToken)).StatusCode);

        var actions = await factory.QueryAsync(db => db.AuditLog.Where(a => a.Action == GroupAuditActions.Meeting).OrderBy(a => a.Sequence).Select(a => a.Detail).ToListAsync());
        Assert.Equal(4, actions.Count);
        Assert.StartsWith("scheduled for", actions[0], StringComparison.Ordinal);
        Assert.Equal("agenda item added", actions[1]);
        Assert.StartsWith("changed (sequence 1)", actions[2], StringComparison.Ordinal);
        Assert.Equal("cancelled (sequence 2)", actions[3]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_agenda_closes_at_the_start_and_minutes_open_at_the_end_rendered_sanitized(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var alice = await GroupSteps.PersonAsync(factory, "alice@example.org", MemberStatus.Active);
        var start = factory.Time.GetUtcNow().AddHours(2);
        start = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, TimeSpan.Zero);
        long id = await ScheduleAsync(alice, "Monthly sync", start, 60);

        factory.Time.SetUtcNow(start.AddSeconds(-1));
        var (early, earlyBody) = await PostAsync(alice, id, "edit/minutes", new() { ["minutes"] = "too early" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("once the meeting is over", earlyBody, StringComparison.Ordinal);
        var (lastItem, _) = await PostAsync(alice, id, "edit/agenda", new() { ["title"] = "Last-minute item" });
        Assert.Equal(HttpStatusCode.Redirect, lastItem.StatusCode);

        factory.Time.SetUtcNow(start);
        var (late, lateBody) = await PostAsync(alice, id, "edit/agenda", new() { ["title"] = "Too late" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("its agenda is closed", lateBody, StringComparison.Ordinal);
        var (noChange, _) = await PostAsync(alice, id, "edit/cancel", new() { ["sequence"] = "0" });
        Assert.Equal(HttpStatusCode.Conflict, noChange.StatusCode);

        factory.Time.SetUtcNow(start.AddMinutes(60).AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(alice, id, "edit/minutes", new() { ["minutes"] = "still on" })).Response.StatusCode);
        factory.Time.SetUtcNow(start.AddMinutes(60));
        string minutes = "## Decisions\n\n- **Ship** it\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(2)) <script>alert(3)</script>";
        var (published, _) = await PostAsync(alice, id, "edit/minutes", new() { ["minutes"] = minutes });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using var anyone = factory.Browser();
        var (_, html) = await anyone.GetAsync($"/meetings/{id}");
        Assert.Contains("<h2>Decisions</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Ship</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>alert(3)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"minutes\"", html, StringComparison.Ordinal); // no form for an anonymous visitor
        var (_, list) = await anyone.GetAsync("/meetings");
        Assert.Contains($"<a href=\"/meetings/{id}\">Monthly sync</a>", list, StringComparison.Ordinal);
        Assert.Contains("(minutes)", list, StringComparison.Ordinal);
        Assert.Contains("No meeting is scheduled.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_fields_are_refused_by_name_and_nothing_is_saved_or_mailed()
    {
        using var factory = new PlatformFactory();
        using var alice = await GroupSteps.PersonAsync(factory, "alice@example.org", MemberStatus.Active);
        var (response, body) = await alice.SubmitAsync("/meetings/new", new() { ["title"] = "a\r\nBcc: x@example.org", ["start"] = "yesterday", ["duration"] = "9000" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("title: must be one line without control characters.", body, StringComparison.Ordinal);
        Assert.Contains("start: must be a UTC date and time as yyyy-MM-ddTHH:mm.", body, StringComparison.Ordinal);
        Assert.Contains("duration: must be a whole number of minutes from 1 to 480.", body, StringComparison.Ordinal);
        Assert.Equal(0, await factory.QueryAsync(db => db.Meetings.CountAsync()));
        Assert.Empty(await factory.OutboxToAsync("alice@example.org"));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync("/meetings/12345")).Response.StatusCode);
        var (missing, _) = await alice.SubmitAsync("/meetings", new() { ["title"] = "x" }, "/meetings/12345/edit/agenda");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
