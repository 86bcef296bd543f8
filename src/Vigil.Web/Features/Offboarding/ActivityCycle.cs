namespace Vigil.Web.Features.Offboarding;

/// <summary>
/// The activity checks' cycles: they start at <c>epoch + k × months</c> for k ≥ 1 (calendar months, UTC), so every
/// instance computes the same start from the same epoch and the unique (member, cycle start) index keeps a check from
/// being asked twice.
/// </summary>
public static class ActivityCycle
{
    /// <summary>The start of the cycle running at <paramref name="now"/>, or null before the first one.</summary>
    public static DateTime? StartAt(DateTime epoch, int months, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(months);
        if (now < epoch)
        {
            return null;
        }

        int elapsed = ((now.Year - epoch.Year) * 12) + now.Month - epoch.Month;
        int k = elapsed / months;
        var start = epoch.AddMonths(k * months);
        if (start > now)
        {
            k--;
            start = epoch.AddMonths(k * months);
        }

        return k >= 1 ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : null;
    }
}
