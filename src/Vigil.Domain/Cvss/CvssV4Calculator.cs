using static Vigil.Domain.Cvss.CvssV4Metrics;

namespace Vigil.Domain.Cvss;

/// <summary>
/// The CVSS v4.0 score (specification section 8.2): the score of the vector's MacroVector minus the mean, over the
/// equivalence sets that have a lower MacroVector, of the score drop to that MacroVector scaled by the vector's severity
/// distance from the highest severity vector over the MacroVector's depth. Computed exactly in rational arithmetic on
/// tenths and rounded half up to one decimal.
/// </summary>
internal static class CvssV4Calculator
{
    internal static readonly int[] Eq1Metrics = [AV, PR, UI];
    internal static readonly int[] Eq2Metrics = [AC, AT];
    internal static readonly int[] Eq3Eq6Metrics = [VC, VI, VA, CR, IR, AR];
    internal static readonly int[] Eq4Metrics = [SC, SI, SA];

    /// <summary>The score of <paramref name="values"/>; with <paramref name="baseOnly"/>, the CVSS-B score.</summary>
    public static decimal Score(CvssMetricValues values, bool baseOnly)
    {
        var metrics = new CvssV4EffectiveMetrics(values, baseOnly);
        if (NoImpact(metrics))
        {
            return CvssRounding.FromTenths(0);
        }

        var eq = CvssV4EquivalenceSets.Of(metrics);
        var value = Lookup(eq.Eq1, eq.Eq2, eq.Eq3, eq.Eq4, eq.Eq5, eq.Eq6)
            ?? throw new InvalidOperationException("Every CVSS v4.0 vector belongs to a MacroVector.");

        var drops = new List<(int Available, int Distance, int Depth)>(5);
        AddDrop(drops, value, Lookup(eq.Eq1 + 1, eq.Eq2, eq.Eq3, eq.Eq4, eq.Eq5, eq.Eq6),
            Distance(metrics, Eq1Metrics, CvssV4MaxVectors.Eq1[eq.Eq1]), CvssV4MaxVectors.Eq1Depth[eq.Eq1]);
        AddDrop(drops, value, Lookup(eq.Eq1, eq.Eq2 + 1, eq.Eq3, eq.Eq4, eq.Eq5, eq.Eq6),
            Distance(metrics, Eq2Metrics, CvssV4MaxVectors.Eq2[eq.Eq2]), CvssV4MaxVectors.Eq2Depth[eq.Eq2]);
        AddDrop(drops, value, NextLowerEq3Eq6(eq),
            Distance(metrics, Eq3Eq6Metrics, CvssV4MaxVectors.Eq3Eq6[eq.Eq3][eq.Eq6]), CvssV4MaxVectors.Eq3Eq6Depth[eq.Eq3][eq.Eq6]);
        AddDrop(drops, value, Lookup(eq.Eq1, eq.Eq2, eq.Eq3, eq.Eq4 + 1, eq.Eq5, eq.Eq6),
            Distance(metrics, Eq4Metrics, CvssV4MaxVectors.Eq4[eq.Eq4]), CvssV4MaxVectors.Eq4Depth[eq.Eq4]);

        // EQ5 (Exploit Maturity) has a single vector per level: its distance is 0, but a lower level still counts in the mean.
        AddDrop(drops, value, Lookup(eq.Eq1, eq.Eq2, eq.Eq3, eq.Eq4, eq.Eq5 + 1, eq.Eq6), 0, CvssV4MaxVectors.Eq5Depth[eq.Eq5]);

        return CvssRounding.FromTenths(Interpolate(value, drops));
    }

    /// <summary>
    /// value − mean(available × distance / depth), in tenths, clamped to 0..100 and rounded half up, without any
    /// inexact division: the fraction is kept as numerator / denominator.
    /// </summary>
    private static int Interpolate(int value, List<(int Available, int Distance, int Depth)> drops)
    {
        if (drops.Count == 0)
        {
            return value;
        }

        long depthProduct = 1;
        foreach (var drop in drops)
        {
            depthProduct *= drop.Depth;
        }

        long denominator = drops.Count * depthProduct;
        var numerator = value * denominator;
        foreach (var drop in drops)
        {
            numerator -= (long)drop.Available * drop.Distance * (depthProduct / drop.Depth);
        }

        numerator = Math.Clamp(numerator, 0, 100 * denominator);
        return (int)(((2 * numerator) + denominator) / (2 * denominator));
    }

    private static void AddDrop(List<(int, int, int)> drops, int value, int? lower, int distance, int depth)
    {
        if (lower is { } lowerValue)
        {
            drops.Add((value - lowerValue, distance, depth));
        }
    }

    /// <summary>EQ3 and EQ6 move together: 00 → the higher of 01 and 10; 01 and 10 → 11; 11 → 21; 21 has none.</summary>
    private static int? NextLowerEq3Eq6(CvssV4EquivalenceSets eq) => (eq.Eq3, eq.Eq6) switch
    {
        (0, 0) => Max(
            Lookup(eq.Eq1, eq.Eq2, eq.Eq3, eq.Eq4, eq.Eq5, eq.Eq6 + 1),
            Lookup(eq.Eq1, eq.Eq2, eq.Eq3 + 1, eq.Eq4, eq.Eq5, eq.Eq6)),
        (0, 1) or (1, 1) => Lookup(eq.Eq1, eq.Eq2, eq.Eq3 + 1, eq.Eq4, eq.Eq5, eq.Eq6),
        (1, 0) => Lookup(eq.Eq1, eq.Eq2, eq.Eq3, eq.Eq4, eq.Eq5, eq.Eq6 + 1),
        _ => null,
    };

    private static int? Max(int? left, int? right) =>
        left is null ? right : right is null ? left : Math.Max(left.Value, right.Value);

    private static int? Lookup(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6)
    {
        var index = CvssV4MacroVectorScores.IndexOf(eq1, eq2, eq3, eq4, eq5, eq6);
        if (index < 0 || CvssV4MacroVectorScores.Tenths[index] < 0)
        {
            return null;
        }

        return CvssV4MacroVectorScores.Tenths[index];
    }

    private static int Distance(CvssV4EffectiveMetrics metrics, int[] metricIndexes, string[] highestVectors) =>
        TryDistance(metrics, metricIndexes, highestVectors)
        ?? throw new InvalidOperationException("Every CVSS v4.0 vector has a highest severity vector in its MacroVector.");

    /// <summary>
    /// The severity distance from the first highest severity vector (in FIRST's table order) that is at least as severe
    /// as the scored vector in every metric, or null if none is (the tests show that this never happens).
    /// </summary>
    internal static int? TryDistance(CvssV4EffectiveMetrics metrics, int[] metricIndexes, string[] highestVectors)
    {
        foreach (var highest in highestVectors)
        {
            var total = 0;
            var dominates = true;
            for (var i = 0; i < metricIndexes.Length && dominates; i++)
            {
                var step = CvssV4SeverityLevels.Of(metricIndexes[i], metrics.Current(metricIndexes[i]))
                    - CvssV4SeverityLevels.Of(metricIndexes[i], highest[i]);
                dominates = step >= 0;
                total += step;
            }

            if (dominates)
            {
                return total;
            }
        }

        return null;
    }

    private static bool NoImpact(CvssV4EffectiveMetrics metrics) =>
        metrics.Base(VC) == 'N' && metrics.Base(VI) == 'N' && metrics.Base(VA) == 'N'
        && metrics.Base(SC) == 'N' && metrics.Base(SI) == 'N' && metrics.Base(SA) == 'N';
}
