using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// The WG's <c>npmModel</c> (Joi, <c>tools/vuln_valid/vulnValidate.js</c>): every key required except
/// <c>author</c>; <c>vulnerable_versions</c>, <c>patched_versions</c>, <c>recommendation</c>, <c>references</c>,
/// <c>cvss_vector</c>, <c>cvss_score</c>, <c>coordinating_vendor</c> may be null; no other key allowed.
/// JSON types are checked by the reader already.
/// </summary>
internal static class NpmSchemaRules
{
    public static IEnumerable<INswgRule> All =>
    [
        NswgRule.Create<NswgNpmRecord>("wg/npm/id", Id),
        NswgRule.Create<NswgNpmRecord>("wg/npm/cves", Cves),
        NswgRule.Create<NswgNpmRecord>("wg/npm/dates", Dates),
        NswgRule.Create<NswgNpmRecord>("wg/npm/title", Title),
        NswgRule.Create<NswgNpmRecord>("wg/npm/author", Author),
        NswgRule.Create<NswgNpmRecord>("wg/npm/strings", Strings),
        NswgRule.Create<NswgNpmRecord>("wg/npm/nullable", Nullable),
        NswgRule.Create<NswgNpmRecord>("wg/npm/unknown-keys", (r, c) => NoUnknownKeys(c, string.Empty, r.Extra)),
    ];

    private static void Id(NswgNpmRecord r, NswgRuleContext c)
    {
        Required(c, "id", r.Id is not null);
        FiniteSafeNumber(c, "id", r.Id);
    }

    private static void Cves(NswgNpmRecord r, NswgRuleContext c)
    {
        Required(c, "cves", r.Cves is not null);
        CveItems(c, "cves", r.Cves);
    }

    private static void Dates(NswgNpmRecord r, NswgRuleContext c)
    {
        foreach (var (field, value) in new[] { ("created_at", r.CreatedAt), ("updated_at", r.UpdatedAt), ("publish_date", r.PublishDate) })
        {
            Required(c, field, value is not null);
            DatePattern(c, field, value);
        }
    }

    /// <summary><c>Joi.string().max(150).regex(/^[^\n]+$/)</c>: length in UTF-16 units, as JavaScript counts.</summary>
    private static void Title(NswgNpmRecord r, NswgRuleContext c)
    {
        Required(c, "title", r.Title is not null);
        if (!NotEmpty(c, "title", r.Title))
        {
            return;
        }

        if (r.Title!.Length > 150)
        {
            c.Report("title", $"is {r.Title.Length} characters long; the limit is 150");
        }

        if (r.Title.Contains('\n', StringComparison.Ordinal))
        {
            c.Report("title", "must be a single line");
        }
    }

    private static void Author(NswgNpmRecord r, NswgRuleContext c)
    {
        if (r.Author is not { } author)
        {
            return;
        }

        Required(c, "author.name", author.Name is not null);
        NotEmpty(c, "author.name", author.Name);
        Required(c, "author.username", author.Username.IsPresent);
        NotEmpty(c, "author.username", author.Username.Value);
        Required(c, "author.website", author.Website.IsPresent);
        NotEmpty(c, "author.website", author.Website.Value);
        NoUnknownKeys(c, "author.", author.Extra);
    }

    private static void Strings(NswgNpmRecord r, NswgRuleContext c)
    {
        foreach (var (field, value) in new[] { ("module_name", r.ModuleName), ("overview", r.Overview) })
        {
            Required(c, field, value is not null);
            NotEmpty(c, field, value);
        }
    }

    private static void Nullable(NswgNpmRecord r, NswgRuleContext c)
    {
        var strings = new[]
        {
            ("vulnerable_versions", r.VulnerableVersions), ("patched_versions", r.PatchedVersions),
            ("recommendation", r.Recommendation), ("cvss_vector", r.CvssVector), ("coordinating_vendor", r.CoordinatingVendor),
        };
        foreach (var (field, value) in strings)
        {
            Required(c, field, value.IsPresent);
            NotEmpty(c, field, value.Value);
        }

        Required(c, "references", r.References.IsPresent);
        Required(c, "cvss_score", r.CvssScore.IsPresent);
        FiniteSafeNumber(c, "cvss_score", r.CvssScore.Value);
    }
}
