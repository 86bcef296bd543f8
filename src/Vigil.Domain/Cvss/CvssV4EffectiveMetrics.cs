using static Vigil.Domain.Cvss.CvssV4Metrics;

namespace Vigil.Domain.Cvss;

/// <summary>
/// The metric values CVSS v4.0 scores with (specification sections 4.2 and 8.2): a Modified Base metric replaces its
/// Base metric unless it is Not Defined; Exploit Maturity Not Defined counts as Attacked; a Not Defined Security
/// Requirement counts as High.
/// </summary>
internal sealed class CvssV4EffectiveMetrics
{
    private readonly CvssMetricValues _values;
    private readonly bool _baseOnly;

    /// <param name="values">The vector's values.</param>
    /// <param name="baseOnly">Treat every Threat and Environmental metric as Not Defined (the CVSS-B score).</param>
    public CvssV4EffectiveMetrics(CvssMetricValues values, bool baseOnly)
    {
        _values = values;
        _baseOnly = baseOnly;
    }

    /// <summary>The letter to score with for Base metric <paramref name="baseMetric"/> (AV to SA).</summary>
    public char Base(int baseMetric)
    {
        var modified = _baseOnly ? 'X' : _values.Letter(baseMetric + ModifiedOffset);
        return modified == 'X' ? _values.Letter(baseMetric) : modified;
    }

    /// <summary>The letter to score with for a Base metric (AV to SA) or a Security Requirement (CR, IR, AR).</summary>
    public char Current(int metric) => metric is CR or IR or AR ? Requirement(metric) : Base(metric);

    /// <summary>Exploit Maturity: A, P or U.</summary>
    public char ExploitMaturity
    {
        get
        {
            var letter = _baseOnly ? 'X' : _values.Letter(E);
            return letter == 'X' ? 'A' : letter;
        }
    }

    /// <summary>A Security Requirement (CR, IR or AR): H, M or L.</summary>
    public char Requirement(int requirement)
    {
        var letter = _baseOnly ? 'X' : _values.Letter(requirement);
        return letter == 'X' ? 'H' : letter;
    }
}
