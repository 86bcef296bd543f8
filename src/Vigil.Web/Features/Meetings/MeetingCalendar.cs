using System.Globalization;
using System.Text;
using Vigil.Governance.Meetings;

namespace Vigil.Web.Features.Meetings;

/// <summary>Meetings as iCalendar events (the feed <c>/meetings.ics</c> and one meeting's file).</summary>
public static class MeetingCalendar
{
    /// <summary>The PRODID of the platform's calendars.</summary>
    public const string ProductId = "-//Vigil//Node.js Security WG meetings//EN";

    /// <summary>The feed's display name.</summary>
    public const string Name = "Node.js Security WG meetings";

    /// <summary>
    /// The event: its DTSTAMP is the meeting's last revision (announcement, change, cancellation, agenda item or
    /// minutes), so that the feed's bytes, and so its entity tag, change only when a meeting does.
    /// </summary>
    public static CalendarEvent Event(MeetingRecord meeting, IReadOnlyList<AgendaItemRecord> agenda, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(agenda);
        DateTime[] changes = [meeting.CreatedAt, meeting.AnnouncedAt ?? default, meeting.CancelledAt ?? default, meeting.MinutesPublishedAt ?? default, .. agenda.Select(a => a.AddedAt)];
        var start = MeetingService.Utc(meeting.StartsAt);
        var page = new Uri($"{baseUrl}/meetings/{meeting.Id.ToString(CultureInfo.InvariantCulture)}");
        return new CalendarEvent(
            meeting.Uid,
            meeting.Title,
            start,
            start.AddMinutes(meeting.DurationMinutes),
            MeetingService.Utc(changes.Max()),
            meeting.Sequence,
            meeting.CancelledAt is not null,
            meeting.Location,
            Description(agenda, page),
            page);
    }

    /// <summary>The agenda as the event's description, then the page's address.</summary>
    private static string Description(IReadOnlyList<AgendaItemRecord> agenda, Uri page)
    {
        var text = new StringBuilder();
        if (agenda.Count > 0)
        {
            text.Append("Agenda:\n");
            foreach (var item in agenda)
            {
                text.Append("- ").Append(item.Title).Append('\n');
            }

            text.Append('\n');
        }

        return text.Append(page.AbsoluteUri).ToString();
    }
}
