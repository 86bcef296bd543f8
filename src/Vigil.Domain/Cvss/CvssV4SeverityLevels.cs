using static Vigil.Domain.Cvss.CvssV4Metrics;

namespace Vigil.Domain.Cvss;

/// <summary>
/// The severity order of each CVSS v4.0 metric's values, as steps from its most severe value (specification section 8.2:
/// the severity distance counts "consecutive stepwise changes in individual metrics"). Subsequent System Integrity and
/// Availability have Safety (S) above High, so the other Subsequent System metric counts from one step below it.
/// </summary>
internal static class CvssV4SeverityLevels
{
    /// <summary>The level of <paramref name="letter"/> for <paramref name="metric"/> (Base metric indexes, CR, IR, AR).</summary>
    public static int Of(int metric, char letter) => metric switch
    {
        AV => letter switch { 'N' => 0, 'A' => 1, 'L' => 2, _ => 3 },
        PR => letter switch { 'N' => 0, 'L' => 1, _ => 2 },
        UI => letter switch { 'N' => 0, 'P' => 1, _ => 2 },
        AC => letter == 'L' ? 0 : 1,
        AT => letter == 'N' ? 0 : 1,
        VC or VI or VA => letter switch { 'H' => 0, 'L' => 1, _ => 2 },
        SC or SI or SA => letter switch { 'S' => 0, 'H' => 1, 'L' => 2, _ => 3 },
        CR or IR or AR => letter switch { 'H' => 0, 'M' => 1, _ => 2 },
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Metric has no CVSS v4.0 severity level."),
    };
}
