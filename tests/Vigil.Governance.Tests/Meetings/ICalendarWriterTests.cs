using System.Text;
using Vigil.Governance.Meetings;

namespace Vigil.Governance.Tests.Meetings;

/// <summary>The iCalendar writer against RFC 5545's rules: line ends, folding, escaping, and the event's properties.</summary>
public sealed class ICalendarWriterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 17, 0, 0, TimeSpan.Zero);

    private static CalendarEvent Event(string summary = "WG meeting", string? location = null, string? description = null, bool cancelled = false, int sequence = 0) =>
        new("meeting-1@vigil.test", summary, Start, Start.AddMinutes(60), new DateTimeOffset(2026, 11, 30, 9, 15, 7, TimeSpan.Zero), sequence, cancelled, location, description, new Uri("https://vigil.test/meetings/1"));

    [Fact]
    public void Every_line_ends_with_CRLF_and_no_bare_CR_or_LF_occurs()
    {
        string ics = ICalendarWriter.Write("-//Vigil//Meetings//EN", "Meetings", [Event(description: "one\ntwo\r\nthree\rfour")]);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        for (int i = 0; i < ics.Length; i++)
        {
            if (ics[i] == '\r')
            {
                Assert.True(i + 1 < ics.Length && ics[i + 1] == '\n', $"a CR without LF at {i}");
            }
            else if (ics[i] == '\n')
            {
                Assert.True(i > 0 && ics[i - 1] == '\r', $"an LF without CR at {i}");
            }
        }
    }

    [Fact]
    public void The_calendar_and_event_carry_the_required_properties_in_UTC()
    {
        var lines = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", "Meetings", [Event(sequence: 3)]));
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains("PRODID:-//Vigil//Meetings//EN", lines);
        Assert.Contains("UID:meeting-1@vigil.test", lines);
        Assert.Contains("DTSTAMP:20261130T091507Z", lines);
        Assert.Contains("DTSTART:20261203T170000Z", lines);
        Assert.Contains("DTEND:20261203T180000Z", lines);
        Assert.Contains("SEQUENCE:3", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        Assert.Contains("URL:https://vigil.test/meetings/1", lines);
        Assert.Equal("END:VCALENDAR", lines[^1]);
    }

    [Fact]
    public void A_time_with_an_offset_is_written_in_UTC()
    {
        var e = Event() with { Start = new DateTimeOffset(2026, 12, 3, 18, 30, 0, TimeSpan.FromHours(1)), End = new DateTimeOffset(2026, 12, 3, 19, 30, 0, TimeSpan.FromHours(1)) };
        var lines = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", null, [e]));
        Assert.Contains("DTSTART:20261203T173000Z", lines);
        Assert.Contains("DTEND:20261203T183000Z", lines);
    }

    [Fact]
    public void A_cancelled_meeting_says_STATUS_CANCELLED()
    {
        var lines = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", null, [Event(cancelled: true, sequence: 1)]));
        Assert.Contains("STATUS:CANCELLED", lines);
        Assert.DoesNotContain("STATUS:CONFIRMED", lines);
    }

    [Theory]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a;b", @"a\;b")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\nb")]
    [InlineData("a\rb", @"a\nb")]
    [InlineData("a\r\n\r\nb", @"a\n\nb")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("bell\u0007nul\u0000del\u007f", "bellnuldel")]
    [InlineData(@"\n is not a line break", @"\\n is not a line break")]
    public void Text_is_escaped_as_RFC_5545_says(string text, string escaped) =>
        Assert.Equal(escaped, ICalendarWriter.EscapeText(text));

    [Fact]
    public void Long_ASCII_lines_are_folded_at_75_octets_and_unfold_to_the_original()
    {
        string summary = string.Concat(Enumerable.Range(0, 40).Select(i => $"word{i} "));
        string ics = ICalendarWriter.Write("-//Vigil//Meetings//EN", null, [Event(summary: summary)]);
        AssertLinesFit(ics);
        Assert.Contains("SUMMARY:" + summary, Unfold(ics));
        // The first part is exactly 75 octets: folding does not cut early.
        string first = ics.Split("\r\n").Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal));
        Assert.Equal(75, Encoding.UTF8.GetByteCount(first));
    }

    [Theory]
    [InlineData("é")] // 2 octets
    [InlineData("€")] // 3 octets
    [InlineData("😀")] // 4 octets, a surrogate pair
    [InlineData("a日本語🎉b")]
    public void Multibyte_lines_are_folded_between_characters_never_inside_one(string piece)
    {
        for (int prefix = 0; prefix < 4; prefix++)
        {
            string summary = new string('x', prefix) + string.Concat(Enumerable.Repeat(piece, 60));
            string ics = ICalendarWriter.Write("-//Vigil//Meetings//EN", null, [Event(summary: summary)]);
            byte[] bytes = Encoding.UTF8.GetBytes(ics);
            // Every part is valid UTF-8 on its own: a fold inside a sequence would leave a broken one on each side.
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            foreach (var part in Split(bytes))
            {
                Assert.True(part.Length <= 75, $"a part of {part.Length} octets");
                strict.GetString(part); // throws on a split sequence
            }

            Assert.Contains("SUMMARY:" + summary, Unfold(ics));
        }
    }

    [Fact]
    public void A_line_of_exactly_75_octets_is_not_folded_and_76_is()
    {
        string at75 = ICalendarWriter.Fold(new string('a', 75));
        Assert.Equal(new string('a', 75) + "\r\n", at75);
        string at76 = ICalendarWriter.Fold(new string('a', 76));
        Assert.Equal(new string('a', 75) + "\r\n a\r\n", at76);
    }

    [Theory]
    [InlineData("Sync\r\nSTATUS:CANCELLED")]
    [InlineData("Sync\nDTSTART:19700101T000000Z")]
    [InlineData("Sync\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil")]
    [InlineData("Sync\r\n ATTACH:https://evil.example/x")]
    [InlineData("Sync\u0085X-INJECTED:1\u2028X-INJECTED:2")]
    public void A_hostile_title_with_line_breaks_cannot_add_a_property(string title)
    {
        var e = Event(summary: title, location: title, description: title);
        var lines = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", title, [e]));
        string[] names = [.. lines.Select(l => l[..l.IndexOfAny([':', ';'])])];
        Assert.Equal(
            ["BEGIN", "VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "BEGIN", "UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION", "DESCRIPTION", "URL", "END", "END"],
            names);
        Assert.Single(lines, l => l.StartsWith("STATUS:", StringComparison.Ordinal));
        Assert.Single(lines, l => l == "BEGIN:VEVENT");
    }

    [Fact]
    public void Events_are_written_in_order_and_an_empty_calendar_is_valid()
    {
        var second = Event() with { Uid = "meeting-2@vigil.test" };
        var lines = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", null, [Event(), second]));
        Assert.Equal(["UID:meeting-1@vigil.test", "UID:meeting-2@vigil.test"], lines.Where(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        var empty = Unfold(ICalendarWriter.Write("-//Vigil//Meetings//EN", null, []));
        Assert.Equal(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Vigil//Meetings//EN", "CALSCALE:GREGORIAN", "END:VCALENDAR"], empty);
    }

    [Fact]
    public void An_event_that_ends_before_it_starts_or_a_bad_URL_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ICalendarWriter.Write("-//V//EN", null, [Event() with { End = Start.AddMinutes(-1) }]));
        Assert.Throws<ArgumentException>(() => ICalendarWriter.Write("-//V//EN", null, [Event() with { Url = new Uri("javascript:alert(1)") }]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ICalendarWriter.Write("-//V//EN", null, [Event(sequence: -1)]));
    }

    /// <summary>Unfolds (a CRLF followed by a space or tab is removed) and splits at CRLF, as RFC 5545 §3.1 reads.</summary>
    private static List<string> Unfold(string ics)
    {
        string unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        var lines = unfolded.Split("\r\n").ToList();
        Assert.Equal(string.Empty, lines[^1]);
        lines.RemoveAt(lines.Count - 1);
        Assert.DoesNotContain(lines, l => l.Contains('\r', StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal));
        return lines;
    }

    private static void AssertLinesFit(string ics)
    {
        foreach (var part in Split(Encoding.UTF8.GetBytes(ics)))
        {
            Assert.True(part.Length <= 75, $"a part of {part.Length} octets");
        }
    }

    /// <summary>The physical lines, as octets, without their CRLF.</summary>
    private static List<byte[]> Split(byte[] bytes)
    {
        var parts = new List<byte[]>();
        int from = 0;
        for (int i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                parts.Add(bytes[from..i]);
                from = i + 2;
                i++;
            }
        }

        Assert.Equal(bytes.Length, from);
        return parts;
    }
}
