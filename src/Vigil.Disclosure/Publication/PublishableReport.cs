using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Publication;

/// <summary>Which reports can become advisories.</summary>
internal static class PublishableReport
{
    /// <summary>Throws unless the report is fixed or published (by triage or at the deadline) and the input is sound.</summary>
    public static void Check(VulnerabilityReport report, PublicationInput input)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(input);
        if (report.State is not (ReportState.Fixed or ReportState.Published))
        {
            throw new InvalidOperationException($"Report {report.Id} is {report.State}: only fixed or published reports become advisories.");
        }

        if (!AdvisoryIds.TryParseEcosystemId(input.AdvisoryId, out _))
        {
            throw new ArgumentException($"'{input.AdvisoryId}' is not an NSWG-ECO id.", nameof(input));
        }
    }
}
