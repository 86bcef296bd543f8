using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Deadlines;

/// <summary>
/// Which clocks run for a report, and the dashboard's view of them: pure functions of the reports, the policy and
/// the time given (or read from a <see cref="TimeProvider"/>).
/// </summary>
public static class DisclosureClocks
{
    /// <summary>The states in which the publication clock runs.</summary>
    public static IReadOnlySet<ReportState> PublicationClockStates { get; } = new HashSet<ReportState>
    {
        ReportState.Accepted, ReportState.MaintainerContacted, ReportState.FixInProgress, ReportState.Fixed,
    };

    /// <summary>The states from which a report is published at its deadline without a fixed version.</summary>
    public static IReadOnlySet<ReportState> DeadlinePublicationStates { get; } = new HashSet<ReportState>
    {
        ReportState.Accepted, ReportState.MaintainerContacted, ReportState.FixInProgress,
    };

    /// <summary>
    /// The clocks that run for the report: the first answer while triage has not answered and the report is new;
    /// publication while it is accepted and not yet published.
    /// </summary>
    public static IReadOnlyList<ReportDeadline> Running(VulnerabilityReport report, DisclosurePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policy);
        var running = new List<ReportDeadline>(1);
        if (report.State == ReportState.New && report.FirstResponseAt is null)
        {
            running.Add(new ReportDeadline(report.Id, DeadlineKind.FirstResponse, policy.FirstResponseDue(report.SubmittedAt)));
        }

        if (PublicationClockStates.Contains(report.State) && report.PublicationDueAt is { } due)
        {
            running.Add(new ReportDeadline(report.Id, DeadlineKind.Publication, due));
        }

        return running;
    }

    /// <summary>The clocks past due at <paramref name="now"/>, most overdue first: the dashboard's flags.</summary>
    public static IReadOnlyList<ReportDeadline> Overdue(IEnumerable<VulnerabilityReport> reports, DisclosurePolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return Ordered(reports.SelectMany(r => Running(r, policy)).Where(d => d.IsOverdue(now)));
    }

    /// <summary>Deadlines soonest first, then by report id.</summary>
    internal static IReadOnlyList<ReportDeadline> Ordered(IEnumerable<ReportDeadline> deadlines) =>
        deadlines.OrderBy(d => d.DueAt).ThenBy(d => d.ReportId, StringComparer.Ordinal).ThenBy(d => d.Kind).ToList();

    /// <summary>The clocks past due now, by the provider's time.</summary>
    public static IReadOnlyList<ReportDeadline> Overdue(IEnumerable<VulnerabilityReport> reports, DisclosurePolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Overdue(reports, policy, time.GetUtcNow());
    }

    /// <summary>
    /// The reports to publish at their deadline with no fixed version: accepted, maintainer contacted or fix in
    /// progress, and the publication deadline reached at <paramref name="now"/>. The host applies
    /// <c>PublishAtDeadline</c> to each as <c>Actor.Clock</c>.
    /// </summary>
    public static IReadOnlyList<VulnerabilityReport> DueForDeadlinePublication(IEnumerable<VulnerabilityReport> reports, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return reports.Where(r => DeadlinePublicationStates.Contains(r.State) && r.PublicationDueAt is { } due && now >= due)
            .OrderBy(r => r.PublicationDueAt)
            .ToList();
    }
}
