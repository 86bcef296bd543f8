using System.Globalization;
using Vigil.Domain.Cvss;
using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// Vigil's checks of the CVSS data: a vector (npm <c>cvss_vector</c>, core <c>cvss</c>) is a valid CVSS v3.0, v3.1
/// or v4.0 vector, <c>cvss_score</c> is its computed base score, and a score is within 0 to 10.
/// </summary>
internal static class CvssRules
{
    public static IEnumerable<INswgRule> All =>
    [
        NswgRule.Create<NswgNpmRecord>("vigil/npm/cvss", (r, c) => Check(c, "cvss_vector", r.CvssVector.Value, r.CvssScore.Value, r.CvssScore.IsNull ? "null" : "missing")),
        NswgRule.Create<NswgCoreRecord>("vigil/core/cvss", (r, c) => Check(c, "cvss", r.Cvss, r.CvssScore, "missing")),
    ];

    private static void Check(NswgRuleContext c, string vectorField, string? text, NswgNumber? score, string noScore)
    {
        decimal? stated = score is not null && decimal.TryParse(score.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        if (score is not null && stated is not (>= 0m and <= 10m))
        {
            c.Report("cvss_score", $"{score.Text} is not a CVSS score (0 to 10)");
        }

        if (text is null)
        {
            return;
        }

        if (!CvssVector.TryParse(text, out var vector, out var error))
        {
            c.Report(vectorField, $"{Show(text)} is not a valid CVSS vector: {error}");
            return;
        }

        var computed = vector.Scores.BaseScore;
        var described = $"the base score of {vectorField}, {computed.ToString("0.0", CultureInfo.InvariantCulture)} ({Name(vector.Version)})";
        if (score is null)
        {
            c.Report("cvss_score", $"is {noScore}, but {described}");
        }
        else if (stated is >= 0m and <= 10m && stated != computed)
        {
            c.Report("cvss_score", $"{score.Text} is not {described}");
        }
    }

    private static string Name(CvssVersion version) => version switch
    {
        CvssVersion.V30 => "CVSS v3.0",
        CvssVersion.V31 => "CVSS v3.1",
        _ => "CVSS v4.0",
    };
}
