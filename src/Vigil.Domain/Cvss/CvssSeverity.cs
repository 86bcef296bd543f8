namespace Vigil.Domain.Cvss;

/// <summary>
/// The qualitative severity rating of a CVSS score (the same bands in v3.0, v3.1 and v4.0):
/// None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
/// </summary>
public enum CvssSeverity
{
    /// <summary>Score 0.0.</summary>
    None,

    /// <summary>Score 0.1 to 3.9.</summary>
    Low,

    /// <summary>Score 4.0 to 6.9.</summary>
    Medium,

    /// <summary>Score 7.0 to 8.9.</summary>
    High,

    /// <summary>Score 9.0 to 10.0.</summary>
    Critical,
}
