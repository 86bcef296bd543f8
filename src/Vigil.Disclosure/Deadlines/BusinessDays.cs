namespace Vigil.Disclosure.Deadlines;

/// <summary>Business-day arithmetic: Monday to Friday in UTC, minus a list of holidays.</summary>
public static class BusinessDays
{
    /// <summary>Whether the UTC date is a business day.</summary>
    public static bool IsBusinessDay(DateOnly day, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);
    }

    /// <summary>
    /// <paramref name="days"/> business days after <paramref name="start"/>: the same UTC time of day on the
    /// <paramref name="days"/>-th business day after the start's date. A report sent on Friday at 15:00 with 2 days
    /// is due on Tuesday at 15:00; one sent on Saturday at 10:00 is due on Tuesday at 10:00. The result is in UTC.
    /// </summary>
    public static DateTimeOffset Add(DateTimeOffset start, int days, IReadOnlySet<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentNullException.ThrowIfNull(holidays);
        var at = start.ToUniversalTime();
        int counted = 0;
        while (counted < days)
        {
            at = at.AddDays(1);
            if (IsBusinessDay(DateOnly.FromDateTime(at.UtcDateTime), holidays))
            {
                counted++;
            }
        }

        return at;
    }
}
