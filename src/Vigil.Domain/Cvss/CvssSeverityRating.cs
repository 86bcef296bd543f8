namespace Vigil.Domain.Cvss;

/// <summary>Maps CVSS scores to the qualitative severity rating scale of the specifications.</summary>
public static class CvssSeverityRating
{
    /// <summary>
    /// The severity of <paramref name="score"/>: None for 0.0, Low below 4.0, Medium below 7.0,
    /// High below 9.0, Critical up to 10.0. A score between two bands (such as 3.95, which no
    /// CVSS calculation produces) takes the lower band.
    /// </summary>
    /// <param name="score">A score from 0.0 to 10.0.</param>
    /// <returns>The severity band that holds the score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The score is below 0 or above 10.</exception>
    public static CvssSeverity FromScore(decimal score)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 10m);
        return score switch
        {
            0m => CvssSeverity.None,
            < 4.0m => CvssSeverity.Low,
            < 7.0m => CvssSeverity.Medium,
            < 9.0m => CvssSeverity.High,
            _ => CvssSeverity.Critical,
        };
    }

    /// <summary>The lower-case name of a severity: <c>none</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    /// <param name="severity">The severity to name.</param>
    /// <returns>The lower-case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="severity"/> is not a defined value.</exception>
    public static string ToName(CvssSeverity severity) => severity switch
    {
        CvssSeverity.None => "none",
        CvssSeverity.Low => "low",
        CvssSeverity.Medium => "medium",
        CvssSeverity.High => "high",
        CvssSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown CVSS severity."),
    };
}
