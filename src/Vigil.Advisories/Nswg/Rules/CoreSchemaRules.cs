using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// The WG's <c>coreModel</c> (Joi, <c>tools/vuln_valid/vulnValidate.js</c>): <c>cve</c>,
/// <c>affectedEnvironments</c> and <c>severity</c> required; the rest optional; nothing nullable; no other key.
/// Two quirks are kept as the WG's CI has them: <c>vulnerable</c> is <c>Joi.string().valid()</c>, and
/// <c>valid()</c> without values does nothing, so it is optional; the severity pattern
/// <c>/^(unknown)|(low)|(medium)|(high)|(critical)$/</c> anchors only its first and last alternatives.
/// Vigil's <see cref="ConsistencyRules"/> add the strict versions.
/// </summary>
internal static class CoreSchemaRules
{
    public static readonly IReadOnlyList<string> Environments =
        ["all", "aix", "darwin", "freebsd", "linux", "openbsd", "sunos", "win32", "android"];

    public static IEnumerable<INswgRule> All =>
    [
        NswgRule.Create<NswgCoreRecord>("wg/core/cve", Cve),
        NswgRule.Create<NswgCoreRecord>("wg/core/ref", Ref),
        NswgRule.Create<NswgCoreRecord>("wg/core/strings", Strings),
        NswgRule.Create<NswgCoreRecord>("wg/core/publish_date", (r, c) => DatePattern(c, "publish_date", r.PublishDate)),
        NswgRule.Create<NswgCoreRecord>("wg/core/cvss_score", (r, c) => FiniteSafeNumber(c, "cvss_score", r.CvssScore)),
        NswgRule.Create<NswgCoreRecord>("wg/core/affectedEnvironments", AffectedEnvironments),
        NswgRule.Create<NswgCoreRecord>("wg/core/severity", Severity),
        NswgRule.Create<NswgCoreRecord>("wg/core/unknown-keys", (r, c) => NoUnknownKeys(c, string.Empty, r.Extra)),
    ];

    /// <summary>The WG's severity pattern, alternative by alternative: starts with unknown, contains low, medium or high, or ends with critical.</summary>
    public static bool MatchesSeverityPattern(string s) =>
        s.StartsWith("unknown", StringComparison.Ordinal)
        || s.Contains("low", StringComparison.Ordinal)
        || s.Contains("medium", StringComparison.Ordinal)
        || s.Contains("high", StringComparison.Ordinal)
        || s.EndsWith("critical", StringComparison.Ordinal);

    private static void Cve(NswgCoreRecord r, NswgRuleContext c)
    {
        Required(c, "cve", r.Cve is not null);
        CveItems(c, "cve", r.Cve);
    }

    private static void Ref(NswgCoreRecord r, NswgRuleContext c)
    {
        if (NotEmpty(c, "ref", r.Ref) && !UriSyntax.IsAbsoluteUri(r.Ref!))
        {
            c.Report("ref", $"{Show(r.Ref!)} is not a valid URI");
        }
    }

    private static void Strings(NswgCoreRecord r, NswgRuleContext c)
    {
        NotEmpty(c, "vulnerable", r.Vulnerable);
        NotEmpty(c, "patched", r.Patched);
        NotEmpty(c, "description", r.Description);
        NotEmpty(c, "overview", r.Overview);
        NotEmpty(c, "author", r.Author);
        NotEmpty(c, "reported_by", r.ReportedBy);
        NotEmpty(c, "type", r.Type);
        NotEmpty(c, "cvss", r.Cvss);
    }

    private static void AffectedEnvironments(NswgCoreRecord r, NswgRuleContext c)
    {
        Required(c, "affectedEnvironments", r.AffectedEnvironments is not null);
        if (r.AffectedEnvironments is not { } environments)
        {
            return;
        }

        if (environments.Count == 0)
        {
            c.Report("affectedEnvironments", "must list at least one environment");
        }

        for (var i = 0; i < environments.Count; i++)
        {
            if (!Environments.Contains(environments[i]))
            {
                c.Report($"affectedEnvironments[{i}]", $"{Show(environments[i])} is not one of {string.Join(", ", Environments)}");
            }
        }
    }

    private static void Severity(NswgCoreRecord r, NswgRuleContext c)
    {
        Required(c, "severity", r.Severity is not null);
        if (NotEmpty(c, "severity", r.Severity) && !MatchesSeverityPattern(r.Severity!))
        {
            c.Report("severity", $"{Show(r.Severity!)} does not match the WG pattern /^(unknown)|(low)|(medium)|(high)|(critical)$/");
        }
    }
}
