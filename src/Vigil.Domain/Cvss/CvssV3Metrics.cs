namespace Vigil.Domain.Cvss;

/// <summary>
/// The metrics of CVSS v3.0 and v3.1 (both specifications, Table 15), with the index of each in <see cref="Table"/>.
/// The specifications recommend this order but require readers to accept any order.
/// </summary>
internal static class CvssV3Metrics
{
    public const int AV = 0, AC = 1, PR = 2, UI = 3, S = 4, C = 5, I = 6, A = 7;
    public const int E = 8, RL = 9, RC = 10;
    public const int CR = 11, IR = 12, AR = 13, MAV = 14, MAC = 15, MPR = 16, MUI = 17, MS = 18, MC = 19, MI = 20, MA = 21;

    /// <summary>The first Temporal metric; Temporal metrics run up to <see cref="CR"/>.</summary>
    public const int FirstTemporal = E;

    /// <summary>The first Environmental metric; Environmental metrics run to the end of the table.</summary>
    public const int FirstEnvironmental = CR;

    public static CvssMetricTable Table { get; } = new(
        requiresOrder: false,
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "R"),
        new("S", true, "U", "C"),
        new("C", true, "H", "L", "N"),
        new("I", true, "H", "L", "N"),
        new("A", true, "H", "L", "N"),
        new("E", false, "X", "H", "F", "P", "U"),
        new("RL", false, "X", "U", "W", "T", "O"),
        new("RC", false, "X", "C", "R", "U"),
        new("CR", false, "X", "H", "M", "L"),
        new("IR", false, "X", "H", "M", "L"),
        new("AR", false, "X", "H", "M", "L"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "R"),
        new("MS", false, "X", "U", "C"),
        new("MC", false, "X", "N", "L", "H"),
        new("MI", false, "X", "N", "L", "H"),
        new("MA", false, "X", "N", "L", "H"));
}
