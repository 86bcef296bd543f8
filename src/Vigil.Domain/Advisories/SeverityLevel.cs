namespace Vigil.Domain.Advisories;

/// <summary>npm's severity levels, in order; <see cref="Unknown"/> when an advisory says nothing usable.</summary>
public enum SeverityLevel
{
    /// <summary>No usable severity; ranked as <see cref="Moderate"/> for <c>--audit-level</c>, as npm does.</summary>
    Unknown,

    /// <summary>npm's <c>info</c> (CVSS 0.0).</summary>
    Info,

    /// <summary>CVSS 0.1 to 3.9.</summary>
    Low,

    /// <summary>CVSS 4.0 to 6.9 (CVSS calls it medium).</summary>
    Moderate,

    /// <summary>CVSS 7.0 to 8.9.</summary>
    High,

    /// <summary>CVSS 9.0 to 10.0.</summary>
    Critical,
}
