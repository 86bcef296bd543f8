namespace Vigil.Domain.Cvss;

/// <summary>The numerical value of each CVSS v3.x metric value (v3.1 specification Table 16; the same in v3.0).</summary>
internal static class CvssV3Weights
{
    public static decimal AttackVector(char value) => value switch
    {
        'N' => 0.85m,
        'A' => 0.62m,
        'L' => 0.55m,
        _ => 0.2m, // P
    };

    public static decimal AttackComplexity(char value) => value == 'L' ? 0.77m : 0.44m;

    public static decimal PrivilegesRequired(char value, bool scopeChanged) => value switch
    {
        'N' => 0.85m,
        'L' => scopeChanged ? 0.68m : 0.62m,
        _ => scopeChanged ? 0.5m : 0.27m, // H
    };

    public static decimal UserInteraction(char value) => value == 'N' ? 0.85m : 0.62m;

    /// <summary>Confidentiality, Integrity and Availability (and their Modified forms).</summary>
    public static decimal Impact(char value) => value switch
    {
        'H' => 0.56m,
        'L' => 0.22m,
        _ => 0m, // N
    };

    public static decimal ExploitCodeMaturity(char value) => value switch
    {
        'F' => 0.97m,
        'P' => 0.94m,
        'U' => 0.91m,
        _ => 1m, // X, H
    };

    public static decimal RemediationLevel(char value) => value switch
    {
        'W' => 0.97m,
        'T' => 0.96m,
        'O' => 0.95m,
        _ => 1m, // X, U
    };

    public static decimal ReportConfidence(char value) => value switch
    {
        'R' => 0.96m,
        'U' => 0.92m,
        _ => 1m, // X, C
    };

    /// <summary>Confidentiality, Integrity and Availability Requirements.</summary>
    public static decimal Requirement(char value) => value switch
    {
        'H' => 1.5m,
        'L' => 0.5m,
        _ => 1m, // X, M
    };
}
