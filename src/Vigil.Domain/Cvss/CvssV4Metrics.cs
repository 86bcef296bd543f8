namespace Vigil.Domain.Cvss;

/// <summary>
/// The metrics of CVSS v4.0 (specification Table 23), with the index of each in <see cref="Table"/>.
/// The specification requires vectors to list metrics in this order: "every other ordering is invalid".
/// </summary>
internal static class CvssV4Metrics
{
    public const int AV = 0, AC = 1, AT = 2, PR = 3, UI = 4, VC = 5, VI = 6, VA = 7, SC = 8, SI = 9, SA = 10;
    public const int E = 11;
    public const int CR = 12, IR = 13, AR = 14;
    public const int MAV = 15, MAC = 16, MAT = 17, MPR = 18, MUI = 19, MVC = 20, MVI = 21, MVA = 22, MSC = 23, MSI = 24, MSA = 25;

    /// <summary>The first Supplemental metric (S, AU, R, V, RE, U run to the end of the table); they never change the score.</summary>
    public const int FirstSupplemental = 26;

    /// <summary>The distance from a Base metric to its Modified (Environmental) counterpart.</summary>
    public const int ModifiedOffset = MAV - AV;

    public static CvssMetricTable Table { get; } = new(
        requiresOrder: true,
        new("AV", true, "N", "A", "L", "P"),
        new("AC", true, "L", "H"),
        new("AT", true, "N", "P"),
        new("PR", true, "N", "L", "H"),
        new("UI", true, "N", "P", "A"),
        new("VC", true, "H", "L", "N"),
        new("VI", true, "H", "L", "N"),
        new("VA", true, "H", "L", "N"),
        new("SC", true, "H", "L", "N"),
        new("SI", true, "H", "L", "N"),
        new("SA", true, "H", "L", "N"),
        new("E", false, "X", "A", "P", "U"),
        new("CR", false, "X", "H", "M", "L"),
        new("IR", false, "X", "H", "M", "L"),
        new("AR", false, "X", "H", "M", "L"),
        new("MAV", false, "X", "N", "A", "L", "P"),
        new("MAC", false, "X", "L", "H"),
        new("MAT", false, "X", "N", "P"),
        new("MPR", false, "X", "N", "L", "H"),
        new("MUI", false, "X", "N", "P", "A"),
        new("MVC", false, "X", "H", "L", "N"),
        new("MVI", false, "X", "H", "L", "N"),
        new("MVA", false, "X", "H", "L", "N"),
        new("MSC", false, "X", "H", "L", "N"),
        new("MSI", false, "X", "S", "H", "L", "N"),
        new("MSA", false, "X", "S", "H", "L", "N"),
        new("S", false, "X", "N", "P"),
        new("AU", false, "X", "N", "Y"),
        new("R", false, "X", "A", "U", "I"),
        new("V", false, "X", "D", "C"),
        new("RE", false, "X", "L", "M", "H"),
        new("U", false, "X", "Clear", "Green", "Amber", "Red"));
}
