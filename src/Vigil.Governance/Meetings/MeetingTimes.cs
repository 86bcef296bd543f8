namespace Vigil.Governance.Meetings;

/// <summary>What may be done to a meeting when: the platform asks these with its clock's time.</summary>
public static class MeetingTimes
{
    /// <summary>Agenda items are taken until the meeting starts, unless it was cancelled.</summary>
    public static bool TakesAgendaItems(DateTimeOffset start, bool cancelled, DateTimeOffset now) => !cancelled && now < start;

    /// <summary>The schedule may be changed, or the meeting cancelled, until it starts.</summary>
    public static bool MayChange(DateTimeOffset start, bool cancelled, DateTimeOffset now) => !cancelled && now < start;

    /// <summary>Minutes are published once the meeting is over (its start plus its duration), never for a cancelled one.</summary>
    public static bool TakesMinutes(DateTimeOffset start, int durationMinutes, bool cancelled, DateTimeOffset now) =>
        !cancelled && now >= start.AddMinutes(durationMinutes);
}
