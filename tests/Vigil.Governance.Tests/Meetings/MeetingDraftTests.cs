using Vigil.Governance.Meetings;

namespace Vigil.Governance.Tests.Meetings;

/// <summary>The schedule form's checks and the meeting's times: each refusal names its field.</summary>
public sealed class MeetingDraftTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_good_form_reads_as_UTC()
    {
        var (draft, errors) = MeetingDraft.Read(" WG meeting ", "2026-12-03T17:00", "60", " https://zoom.example/j/1 ", Now);
        Assert.Empty(errors);
        Assert.Equal(new MeetingDraft("WG meeting", new DateTimeOffset(2026, 12, 3, 17, 0, 0, TimeSpan.Zero), 60, "https://zoom.example/j/1"), draft);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 18, 0, 0, TimeSpan.Zero), draft!.End);
    }

    [Theory]
    [InlineData(null, "2026-12-03T17:00", "60", null, "title: is required.")]
    [InlineData("a\r\nb", "2026-12-03T17:00", "60", null, "title: must be one line without control characters.")]
    [InlineData("ok", "2026-12-03T17:00", "60", "x\ny", "location: must be one line without control characters.")]
    [InlineData("ok", "", "60", null, "start: is required (UTC, yyyy-MM-ddTHH:mm).")]
    [InlineData("ok", "03/12/2026 17:00", "60", null, "start: must be a UTC date and time as yyyy-MM-ddTHH:mm.")]
    [InlineData("ok", "2026-11-30T09:00", "60", null, "start: must be in the future.")]
    [InlineData("ok", "2026-12-03T17:00", "0", null, "duration: must be a whole number of minutes from 1 to 480.")]
    [InlineData("ok", "2026-12-03T17:00", "481", null, "duration: must be a whole number of minutes from 1 to 480.")]
    [InlineData("ok", "2026-12-03T17:00", "-5", null, "duration: must be a whole number of minutes from 1 to 480.")]
    public void A_bad_field_is_refused_by_name(string? title, string? start, string? duration, string? location, string error)
    {
        var (draft, errors) = MeetingDraft.Read(title, start, duration, location, Now);
        Assert.Null(draft);
        Assert.Equal([error], errors);
    }

    [Fact]
    public void The_limits_are_at_their_edges()
    {
        Assert.Empty(MeetingDraft.Read(new string('t', 200), "2026-11-30T09:01", "480", new string('l', 500), Now).Errors);
        Assert.Equal(["title: at most 200 characters.", "location: at most 500 characters."], MeetingDraft.Read(new string('t', 201), "2026-11-30T09:01", "1", new string('l', 501), Now).Errors);
    }

    [Fact]
    public void Agenda_items_until_the_start_changes_until_the_start_minutes_from_the_end()
    {
        var start = Now.AddHours(1);
        Assert.True(MeetingTimes.TakesAgendaItems(start, false, start.AddTicks(-1)));
        Assert.False(MeetingTimes.TakesAgendaItems(start, false, start));
        Assert.False(MeetingTimes.TakesAgendaItems(start, true, Now));
        Assert.True(MeetingTimes.MayChange(start, false, start.AddTicks(-1)));
        Assert.False(MeetingTimes.MayChange(start, false, start));
        Assert.False(MeetingTimes.MayChange(start, true, Now));
        Assert.False(MeetingTimes.TakesMinutes(start, 60, false, start.AddMinutes(60).AddTicks(-1)));
        Assert.True(MeetingTimes.TakesMinutes(start, 60, false, start.AddMinutes(60)));
        Assert.False(MeetingTimes.TakesMinutes(start, 60, true, start.AddDays(1)));
    }

    [Fact]
    public void Agenda_items_allow_line_breaks_in_details_but_not_in_the_title()
    {
        Assert.Equal(new AgendaItemDraft("Item", "line 1\nline 2"), AgendaItemDraft.Read(" Item ", "line 1\nline 2 ").Draft);
        Assert.Equal(["title: must be one line without control characters."], AgendaItemDraft.Read("a\nb", null).Errors);
        Assert.Equal(["details: must not contain control characters other than line breaks and tabs."], AgendaItemDraft.Read("ok", "a\u0007").Errors);
        Assert.Equal(["details: at most 4000 characters."], AgendaItemDraft.Read("ok", new string('d', 4001)).Errors);
        Assert.Null(AgendaItemDraft.Read("ok", "   ").Draft!.Details);
    }
}
