using Vigil.Advisories.Nswg.Rules;

namespace Vigil.Advisories.Nswg;

/// <summary>The built-in rule sets of <see cref="NswgValidator"/>.</summary>
public static class NswgRules
{
    /// <summary>
    /// The WG's CI checks, ported rule by rule (rule ids <c>wg/...</c>): the Joi <c>npmModel</c> and
    /// <c>coreModel</c> of <c>tools/vuln_valid/vulnValidate.js</c>, and the <c>reason</c> check of the deps index
    /// generator. A record the WG's CI accepts has no finding from these. The reader is a little stricter than Joi,
    /// which would also accept a number written as a string (<c>"cvss_score": "7.5"</c>) and non-string items in
    /// npm <c>references</c>: the reader refuses both, as type errors.
    /// </summary>
    public static IReadOnlyList<INswgRule> WgSchema { get; } = [.. NpmSchemaRules.All, .. CoreSchemaRules.All, .. DepsRules.All];

    /// <summary>
    /// Vigil's checks beyond the WG's CI (rule ids <c>vigil/...</c>): npm id equals the file's number, dates are
    /// real calendar dates, <c>updated_at</c> is not before <c>created_at</c>, CVE ids are exactly
    /// <c>CVE-YYYY-NNNN+</c>, a core severity is exactly one of the five values, a core record has <c>vulnerable</c>,
    /// a deps record lists a CVE.
    /// </summary>
    public static IReadOnlyList<INswgRule> Consistency { get; } = [.. ConsistencyRules.All];

    /// <summary>
    /// Vigil's checks of what ranges and scores mean (rule ids <c>vigil/...</c>): every range parses as npm semver
    /// (loose; the finding quotes semver's error), a CVSS vector is valid and <c>cvss_score</c> is its computed base
    /// score (v3.0, v3.1 and v4.0; a score outside 0 to 10 is reported too), and an npm record's
    /// <c>patched_versions</c> shares no version with its <c>vulnerable_versions</c> (the finding names one).
    /// </summary>
    public static IReadOnlyList<INswgRule> Content { get; } = [.. RangeRules.All, .. CvssRules.All];
}
