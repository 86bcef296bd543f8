namespace Vigil.Governance.Meetings;

/// <summary>One meeting as a calendar event (VEVENT). Texts are plain text; the writer escapes them.</summary>
/// <param name="Uid">The event's stable identifier (UID), the same across updates.</param>
/// <param name="Summary">The title (SUMMARY).</param>
/// <param name="Start">When it starts (DTSTART, written in UTC).</param>
/// <param name="End">When it ends (DTEND, written in UTC).</param>
/// <param name="Stamp">When the event's information was last revised (DTSTAMP, written in UTC).</param>
/// <param name="Sequence">The revision number (SEQUENCE): bumped on every change of the schedule.</param>
/// <param name="Cancelled">Written as STATUS:CANCELLED; otherwise STATUS:CONFIRMED.</param>
/// <param name="Location">Where (LOCATION), or null.</param>
/// <param name="Description">The description (DESCRIPTION: the agenda), or null.</param>
/// <param name="Url">The meeting's page (URL), an absolute http(s) address, or null.</param>
public sealed record CalendarEvent(
    string Uid,
    string Summary,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateTimeOffset Stamp,
    int Sequence,
    bool Cancelled,
    string? Location = null,
    string? Description = null,
    Uri? Url = null);
