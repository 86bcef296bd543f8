using System.Globalization;
using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// Vigil's checks beyond the WG's CI: the npm id is the file's number, dates are real calendar dates,
/// <c>updated_at</c> is not before <c>created_at</c>, CVE ids are well formed, the core severity is exactly
/// one of the five values, a core record names its vulnerable range, a deps record names a CVE.
/// </summary>
internal static class ConsistencyRules
{
    private static readonly string[] Severities = ["unknown", "low", "medium", "high", "critical"];

    public static IEnumerable<INswgRule> All =>
    [
        NswgRule.Create<NswgNpmRecord>("vigil/npm/id-matches-file", IdMatchesFile),
        NswgRule.Create<NswgNpmRecord>("vigil/npm/calendar-dates", NpmDates),
        NswgRule.Create<NswgCoreRecord>("vigil/core/calendar-dates", (r, c) => CalendarDate(c, "publish_date", r.PublishDate)),
        NswgRule.Create<NswgNpmRecord>("vigil/npm/updated-after-created", UpdatedAfterCreated),
        NswgRule.Create<NswgNpmRecord>("vigil/npm/cve-ids", (r, c) => CveIds(c, "cves", r.Cves)),
        NswgRule.Create<NswgCoreRecord>("vigil/core/cve-ids", (r, c) => CveIds(c, "cve", r.Cve)),
        NswgRule.Create<NswgDepsRecord>("vigil/deps/cve-ids", DepsCves),
        NswgRule.Create<NswgCoreRecord>("vigil/core/severity", Severity),
        NswgRule.Create<NswgCoreRecord>("vigil/core/vulnerable", (r, c) => Required(c, "vulnerable", r.Vulnerable is not null)),
    ];

    /// <summary>True for <c>CVE-YYYY-NNNN</c> with four or more digits in the sequence number, nothing before or after.</summary>
    public static bool IsCveId(string s) =>
        s.Length >= 13 && s.StartsWith("CVE-", StringComparison.Ordinal) && s[8] == '-'
        && s.AsSpan(4, 4).ContainsAnyExceptInRange('0', '9') is false
        && s.AsSpan(9).ContainsAnyExceptInRange('0', '9') is false;

    private static void IdMatchesFile(NswgNpmRecord r, NswgRuleContext c)
    {
        if (r.Id is null)
        {
            return;
        }

        var file = c.FileNumber;
        if (file is null)
        {
            c.Report("id", $"cannot be checked: the file name of {c.Source} is not N.json");
        }
        else if (!r.Id.TryGetInt64(out var id) || id != file)
        {
            c.Report("id", $"is {r.Id.Text} but the file is named {file.Value.ToString(CultureInfo.InvariantCulture)}.json");
        }
    }

    private static void NpmDates(NswgNpmRecord r, NswgRuleContext c)
    {
        CalendarDate(c, "created_at", r.CreatedAt);
        CalendarDate(c, "updated_at", r.UpdatedAt);
        CalendarDate(c, "publish_date", r.PublishDate);
    }

    private static void CalendarDate(NswgRuleContext c, string field, string? value)
    {
        if (value is not null && IsDatePattern(value) && ParseDate(value) is null)
        {
            c.Report(field, $"{Show(value)} is not a real calendar date");
        }
    }

    private static void UpdatedAfterCreated(NswgNpmRecord r, NswgRuleContext c)
    {
        if (ParseDate(r.CreatedAt) is { } created && ParseDate(r.UpdatedAt) is { } updated && updated < created)
        {
            c.Report("updated_at", $"{Show(r.UpdatedAt!)} is before created_at {Show(r.CreatedAt!)}");
        }
    }

    private static void CveIds(NswgRuleContext c, string field, NswgList<string>? ids)
    {
        for (var i = 0; ids is not null && i < ids.Count; i++)
        {
            if (!IsCveId(ids[i]))
            {
                c.Report($"{field}[{i}]", $"{Show(ids[i])} is not a CVE id (CVE-YYYY-NNNN+)");
            }
        }
    }

    private static void DepsCves(NswgDepsRecord r, NswgRuleContext c)
    {
        if (r.Cve is null or { Count: 0 })
        {
            c.Report("cve", "lists no CVE: the WG's VEX generator skips a deps record without one");
        }

        CveIds(c, "cve", r.Cve);
    }

    private static void Severity(NswgCoreRecord r, NswgRuleContext c)
    {
        if (r.Severity is { Length: > 0 } severity && !Severities.Contains(severity, StringComparer.Ordinal))
        {
            c.Report("severity", $"{Show(severity)} is not one of {string.Join(", ", Severities)}");
        }
    }

    private static DateOnly? ParseDate(string? value) =>
        value is not null && IsDatePattern(value)
        && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
}
