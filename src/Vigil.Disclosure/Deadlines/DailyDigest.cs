using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Deadlines;

/// <summary>The triage team's daily e-mail: what is late and what falls due within a day.</summary>
/// <param name="Day">The UTC date of the digest.</param>
/// <param name="Overdue">Clocks past due, most overdue first.</param>
/// <param name="DueSoon">Clocks due within the next 24 hours, soonest first.</param>
public sealed record DailyDigest(DateOnly Day, IReadOnlyList<ReportDeadline> Overdue, IReadOnlyList<ReportDeadline> DueSoon)
{
    /// <summary>Whether there is nothing to say (the host then sends nothing).</summary>
    public bool IsEmpty => Overdue.Count == 0 && DueSoon.Count == 0;

    /// <summary>The digest at <paramref name="now"/>.</summary>
    public static DailyDigest Build(IEnumerable<VulnerabilityReport> reports, DisclosurePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var running = reports.SelectMany(r => DisclosureClocks.Running(r, policy)).ToList();
        var overdue = running.Where(d => d.IsOverdue(now));
        var soon = running.Where(d => !d.IsOverdue(now) && d.DueAt <= now.AddDays(1));
        return new DailyDigest(DateOnly.FromDateTime(now.UtcDateTime), DisclosureClocks.Ordered(overdue), DisclosureClocks.Ordered(soon));
    }

    /// <summary>The digest now, by the provider's time.</summary>
    public static DailyDigest Build(IEnumerable<VulnerabilityReport> reports, DisclosurePolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Build(reports, policy, time.GetUtcNow());
    }
}
