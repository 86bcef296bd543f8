using System.Globalization;
using System.Text;

namespace Vigil.Web.Features.Meetings;

/// <summary>The announcement, change and cancellation e-mails: plain text with the agenda and links to the page and the calendar file.</summary>
public static class MeetingMail
{
    /// <summary>Which mail.</summary>
    public enum Kind
    {
        /// <summary>A new meeting.</summary>
        Scheduled,

        /// <summary>Its time, length, title or place changed.</summary>
        Changed,

        /// <summary>It was cancelled.</summary>
        Cancelled,
    }

    /// <summary>The subject line (the title is one line: the form refuses line breaks).</summary>
    public static string Subject(Kind kind, MeetingRecord meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        string what = kind switch
        {
            Kind.Scheduled => "Meeting scheduled",
            Kind.Changed => "Meeting changed",
            _ => "Meeting cancelled",
        };
        return $"[Vigil] {what}: {meeting.Title} ({When(meeting.StartsAt)} UTC)";
    }

    /// <summary>The body: when, how long, where, the agenda, and the links.</summary>
    public static string Body(Kind kind, MeetingRecord meeting, IReadOnlyList<AgendaEntry> agenda, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(agenda);
        var text = new StringBuilder();
        text.Append(kind switch
        {
            Kind.Scheduled => "A meeting of the working group was scheduled.\n\n",
            Kind.Changed => "A meeting of the working group was changed; this replaces the earlier announcement.\n\n",
            _ => "A meeting of the working group was CANCELLED.\n\n",
        });
        text.Append("Title: ").Append(meeting.Title).Append('\n');
        text.Append("When: ").Append(When(meeting.StartsAt)).Append(" UTC, ")
            .Append(meeting.DurationMinutes.ToString(CultureInfo.InvariantCulture)).Append(" minutes\n");
        text.Append("Where: ").Append(meeting.Location ?? "(not given)").Append("\n\n");
        if (kind != Kind.Cancelled)
        {
            text.Append("Agenda:\n");
            if (agenda.Count == 0)
            {
                text.Append("- nothing yet: members add items on the meeting's page until it starts\n");
            }

            foreach (var entry in agenda)
            {
                text.Append("- ").Append(entry.Item.Title).Append(" (").Append(entry.Author).Append(")\n");
                foreach (string line in (entry.Item.Details ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    text.Append("    ").Append(line).Append('\n');
                }
            }

            text.Append('\n');
        }

        string page = $"{baseUrl}/meetings/{meeting.Id.ToString(CultureInfo.InvariantCulture)}";
        text.Append("The meeting's page: ").Append(page).Append('\n');
        text.Append("For your calendar (iCalendar): ").Append(page).Append("/meeting.ics\n");
        text.Append("Every meeting as a calendar feed: ").Append(baseUrl).Append("/meetings.ics\n");
        return text.ToString();
    }

    private static string When(DateTime startsAt) => startsAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
