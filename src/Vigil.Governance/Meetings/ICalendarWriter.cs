using System.Globalization;
using System.Text;

namespace Vigil.Governance.Meetings;

/// <summary>
/// Writes an iCalendar object (RFC 5545) of events: CRLF line ends, lines folded at 75 octets without splitting a
/// UTF-8 sequence, TEXT values escaped (backslash, semicolon, comma, line breaks; other control characters dropped),
/// so that no text — a hostile title included — can end a line and add a property of its own.
/// </summary>
public static class ICalendarWriter
{
    /// <summary>The longest line, in octets, without its line break (RFC 5545 §3.1).</summary>
    public const int MaxLineOctets = 75;

    /// <summary>The media type of what <see cref="Write"/> returns.</summary>
    public const string MediaType = "text/calendar; charset=utf-8";

    /// <summary>The calendar (VCALENDAR with VERSION:2.0, PRODID and a name) holding <paramref name="events"/>.</summary>
    /// <param name="productId">The PRODID text, e.g. <c>-//Vigil//Meetings//EN</c>.</param>
    /// <param name="calendarName">The calendar's display name (X-WR-CALNAME), or null.</param>
    /// <param name="events">The events, written in the order given.</param>
    public static string Write(string productId, string? calendarName, IEnumerable<CalendarEvent> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(productId);
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:" + EscapeText(productId));
        Line(text, "CALSCALE:GREGORIAN");
        if (!string.IsNullOrWhiteSpace(calendarName))
        {
            Line(text, "X-WR-CALNAME:" + EscapeText(calendarName));
        }

        foreach (var e in events)
        {
            WriteEvent(text, e);
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>
    /// A TEXT value escaped (RFC 5545 §3.3.11): <c>\</c> <c>;</c> <c>,</c> get a backslash, a line break (CRLF, LF or
    /// CR) becomes <c>\n</c>, and the other control characters TEXT may not hold (all but tab) are dropped.
    /// </summary>
    public static string EscapeText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(c); break;
                default:
                    if (!char.IsControl(c))
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// A content line folded (RFC 5545 §3.1): no part longer than <see cref="MaxLineOctets"/> octets in UTF-8, each
    /// continuation starting with one space (which counts), never inside a character's UTF-8 sequence; CRLF after each part.
    /// </summary>
    public static string Fold(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var folded = new StringBuilder(line.Length + 8);
        int octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            int size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                folded.Append("\r\n ");
                octets = 1;
            }

            folded.Append(rune.ToString());
            octets += size;
        }

        return folded.Append("\r\n").ToString();
    }

    /// <summary>A UTC DATE-TIME value: <c>20261130T093000Z</c>.</summary>
    public static string UtcDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static void WriteEvent(StringBuilder text, CalendarEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrWhiteSpace(e.Uid);
        ArgumentOutOfRangeException.ThrowIfNegative(e.Sequence);
        if (e.End < e.Start)
        {
            throw new ArgumentException($"The event {e.Uid} ends before it starts.", nameof(e));
        }

        Line(text, "BEGIN:VEVENT");
        Line(text, "UID:" + EscapeText(e.Uid));
        Line(text, "DTSTAMP:" + UtcDateTime(e.Stamp));
        Line(text, "DTSTART:" + UtcDateTime(e.Start));
        Line(text, "DTEND:" + UtcDateTime(e.End));
        Line(text, "SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(text, "STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
        Line(text, "SUMMARY:" + EscapeText(e.Summary));
        if (!string.IsNullOrEmpty(e.Location))
        {
            Line(text, "LOCATION:" + EscapeText(e.Location));
        }

        if (!string.IsNullOrEmpty(e.Description))
        {
            Line(text, "DESCRIPTION:" + EscapeText(e.Description));
        }

        if (e.Url is { } url)
        {
            // A URI value is not escaped: only an absolute http(s) address, which holds no control character or space.
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.AbsoluteUri.Any(c => c <= ' ' || c == '\u007f'))
            {
                throw new ArgumentException($"The event {e.Uid}'s URL must be an absolute http or https address.", nameof(e));
            }

            Line(text, "URL:" + url.AbsoluteUri);
        }

        Line(text, "END:VEVENT");
    }

    private static void Line(StringBuilder text, string line) => text.Append(Fold(line));
}
