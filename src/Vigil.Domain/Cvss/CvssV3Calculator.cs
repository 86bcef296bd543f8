using static Vigil.Domain.Cvss.CvssV3Metrics;

namespace Vigil.Domain.Cvss;

/// <summary>
/// The CVSS v3.0 and v3.1 equations (specification section 7 / section 8 of v3.0), computed in decimal arithmetic
/// with each version's Roundup. The versions differ only in Roundup and in the Modified Impact for a changed Modified Scope.
/// </summary>
internal static class CvssV3Calculator
{
    /// <summary>The Base, Temporal and Environmental scores, always all three (the public API decides which to report).</summary>
    public static (decimal Base, decimal Temporal, decimal Environmental) Compute(CvssMetricValues values, CvssVersion version)
    {
        Func<decimal, decimal> roundup = version == CvssVersion.V30 ? CvssRounding.RoundupV30 : CvssRounding.RoundupV31;

        var scopeChanged = values.Letter(S) == 'C';
        var iss = 1m - ((1m - CvssV3Weights.Impact(values.Letter(C)))
            * (1m - CvssV3Weights.Impact(values.Letter(I)))
            * (1m - CvssV3Weights.Impact(values.Letter(A))));
        var impact = scopeChanged
            ? (7.52m * (iss - 0.029m)) - (3.25m * CvssRounding.Power(iss - 0.02m, 15))
            : 6.42m * iss;
        var exploitability = 8.22m
            * CvssV3Weights.AttackVector(values.Letter(AV))
            * CvssV3Weights.AttackComplexity(values.Letter(AC))
            * CvssV3Weights.PrivilegesRequired(values.Letter(PR), scopeChanged)
            * CvssV3Weights.UserInteraction(values.Letter(UI));
        var baseScore = impact <= 0m
            ? CvssRounding.FromTenths(0)
            : roundup(Math.Min(scopeChanged ? 1.08m * (impact + exploitability) : impact + exploitability, 10m));

        var temporalFactor = CvssV3Weights.ExploitCodeMaturity(values.Letter(E))
            * CvssV3Weights.RemediationLevel(values.Letter(RL))
            * CvssV3Weights.ReportConfidence(values.Letter(RC));
        var temporalScore = roundup(baseScore * temporalFactor);

        return (baseScore, temporalScore, Environmental(values, version, roundup, temporalFactor));
    }

    private static decimal Environmental(CvssMetricValues values, CvssVersion version, Func<decimal, decimal> roundup, decimal temporalFactor)
    {
        var modifiedScopeChanged = Modified(values, MS, S) == 'C';
        var miss = Math.Min(
            1m - ((1m - (CvssV3Weights.Requirement(values.Letter(CR)) * CvssV3Weights.Impact(Modified(values, MC, C))))
                * (1m - (CvssV3Weights.Requirement(values.Letter(IR)) * CvssV3Weights.Impact(Modified(values, MI, I))))
                * (1m - (CvssV3Weights.Requirement(values.Letter(AR)) * CvssV3Weights.Impact(Modified(values, MA, A))))),
            0.915m);
        decimal modifiedImpact;
        if (!modifiedScopeChanged)
        {
            modifiedImpact = 6.42m * miss;
        }
        else if (version == CvssVersion.V30)
        {
            modifiedImpact = (7.52m * (miss - 0.029m)) - (3.25m * CvssRounding.Power(miss - 0.02m, 15));
        }
        else
        {
            modifiedImpact = (7.52m * (miss - 0.029m)) - (3.25m * CvssRounding.Power((miss * 0.9731m) - 0.02m, 13));
        }

        var modifiedExploitability = 8.22m
            * CvssV3Weights.AttackVector(Modified(values, MAV, AV))
            * CvssV3Weights.AttackComplexity(Modified(values, MAC, AC))
            * CvssV3Weights.PrivilegesRequired(Modified(values, MPR, PR), modifiedScopeChanged)
            * CvssV3Weights.UserInteraction(Modified(values, MUI, UI));
        if (modifiedImpact <= 0m)
        {
            return CvssRounding.FromTenths(0);
        }

        var sum = modifiedScopeChanged ? 1.08m * (modifiedImpact + modifiedExploitability) : modifiedImpact + modifiedExploitability;
        return roundup(roundup(Math.Min(sum, 10m)) * temporalFactor);
    }

    /// <summary>A Modified Base metric's value, or its Base metric's value when it is Not Defined.</summary>
    private static char Modified(CvssMetricValues values, int modified, int baseMetric)
    {
        var letter = values.Letter(modified);
        return letter == 'X' ? values.Letter(baseMetric) : letter;
    }
}
