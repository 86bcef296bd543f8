using System.Text;
using Vigil.Disclosure.Deadlines;
using Vigil.Web.Features.Reports;

namespace Vigil.Web.Features.Deadlines;

/// <summary>The daily digest as an e-mail: report ids, which clock, when it was or is due, and links — no report text.</summary>
public static class DailyDigestMail
{
    /// <summary>The subject line.</summary>
    public static string Subject(DailyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return $"[Vigil] Daily digest {digest.Day:yyyy-MM-dd}: {digest.Overdue.Count} overdue, {digest.DueSoon.Count} due within a day";
    }

    /// <summary>The plain-text body.</summary>
    public static string Body(DailyDigest digest, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var text = new StringBuilder();
        text.Append("Vigil's daily digest for ").Append(digest.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(" (UTC).\n\n");
        Section(text, $"Overdue ({digest.Overdue.Count})", digest.Overdue, "was due", baseUrl);
        Section(text, $"Due within a day ({digest.DueSoon.Count})", digest.DueSoon, "is due", baseUrl);
        text.Append("The triage dashboard: ").Append(baseUrl).Append("/reports\n");
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ReportDeadline> deadlines, string verb, string baseUrl)
    {
        text.Append(title).Append(":\n");
        if (deadlines.Count == 0)
        {
            text.Append("- nothing\n");
        }

        foreach (var d in deadlines)
        {
            string shortId = Guid.TryParse(d.ReportId, out var id) ? ReportService.ShortId(id) : d.ReportId;
            string clock = d.Kind == DeadlineKind.FirstResponse ? "first answer" : "publication";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"- Report {shortId}: {clock} {verb} {d.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC — {baseUrl}/reports/{d.ReportId}\n");
        }

        text.Append('\n');
    }
}
