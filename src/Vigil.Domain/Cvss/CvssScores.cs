namespace Vigil.Domain.Cvss;

/// <summary>
/// The scores of a CVSS vector. Every score has exactly one decimal place (9.8, 10.0).
/// </summary>
/// <remarks>
/// <para>
/// CVSS v3.0 and v3.1: <see cref="BaseScore"/> always; <see cref="TemporalScore"/> only when the vector defines at least
/// one Temporal metric (E, RL, RC with a value other than X) and <see cref="EnvironmentalScore"/> only when it defines at
/// least one Environmental metric (CR … MA other than X). The specifications make an omitted metric and <c>X</c> the same,
/// so a vector that only repeats <c>X</c> has no Temporal or Environmental score either. <see cref="Score"/> is the Base Score.
/// </para>
/// <para>
/// CVSS v4.0: <see cref="Score"/> is the single score of all the vector's metrics, labelled by <see cref="Nomenclature"/>
/// (CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE); <see cref="BaseScore"/> is the CVSS-B score of the same vector with every Threat
/// and Environmental metric Not Defined. There is no Temporal or Environmental score in v4.0.
/// </para>
/// </remarks>
public sealed class CvssScores
{
    internal CvssScores(CvssVersion version, decimal baseScore, decimal? temporalScore, decimal? environmentalScore, decimal score, CvssNomenclature? nomenclature)
    {
        Version = version;
        BaseScore = baseScore;
        TemporalScore = temporalScore;
        EnvironmentalScore = environmentalScore;
        Score = score;
        Nomenclature = nomenclature;
        Severity = CvssSeverityRating.FromScore(score);
    }

    /// <summary>The CVSS version of the vector.</summary>
    public CvssVersion Version { get; }

    /// <summary>v3.x: the Base Score. v4.0: the CVSS-B score (Base metrics only).</summary>
    public decimal BaseScore { get; }

    /// <summary>v3.x: the Temporal Score, or null when no Temporal metric is defined. Always null for v4.0.</summary>
    public decimal? TemporalScore { get; }

    /// <summary>v3.x: the Environmental Score, or null when no Environmental metric is defined. Always null for v4.0.</summary>
    public decimal? EnvironmentalScore { get; }

    /// <summary>The headline score: the Base Score for v3.x; for v4.0 the score of all metrics, named by <see cref="Nomenclature"/>.</summary>
    public decimal Score { get; }

    /// <summary>v4.0: which metric groups <see cref="Score"/> comes from. Null for v3.x, which has no such nomenclature.</summary>
    public CvssNomenclature? Nomenclature { get; }

    /// <summary>The severity of <see cref="Score"/>: of the Base Score for v3.x, of the v4.0 score for v4.0.</summary>
    public CvssSeverity Severity { get; }

    /// <summary>The lower-case name of <see cref="Severity"/>: <c>none</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public string SeverityName => CvssSeverityRating.ToName(Severity);

    internal static CvssScores Compute(CvssVersion version, CvssMetricValues values)
    {
        if (version == CvssVersion.V40)
        {
            var threat = values.AnyDefined(CvssV4Metrics.E, CvssV4Metrics.CR);
            var environmental = values.AnyDefined(CvssV4Metrics.CR, CvssV4Metrics.FirstSupplemental);
            var nomenclature = (threat, environmental) switch
            {
                (false, false) => CvssNomenclature.CvssB,
                (true, false) => CvssNomenclature.CvssBT,
                (false, true) => CvssNomenclature.CvssBE,
                (true, true) => CvssNomenclature.CvssBTE,
            };
            var score = CvssV4Calculator.Score(values, baseOnly: false);
            var baseScore = nomenclature == CvssNomenclature.CvssB ? score : CvssV4Calculator.Score(values, baseOnly: true);
            return new CvssScores(version, baseScore, null, null, score, nomenclature);
        }

        var (b, t, e) = CvssV3Calculator.Compute(values, version);
        var hasTemporal = values.AnyDefined(CvssV3Metrics.FirstTemporal, CvssV3Metrics.FirstEnvironmental);
        var hasEnvironmental = values.AnyDefined(CvssV3Metrics.FirstEnvironmental, values.Table.Count);
        return new CvssScores(version, b, hasTemporal ? t : null, hasEnvironmental ? e : null, b, null);
    }
}
