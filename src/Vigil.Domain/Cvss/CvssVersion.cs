namespace Vigil.Domain.Cvss;

/// <summary>The versions of the Common Vulnerability Scoring System that <see cref="CvssVector"/> understands.</summary>
public enum CvssVersion
{
    /// <summary>CVSS v3.0 (vector prefix <c>CVSS:3.0/</c>).</summary>
    V30,

    /// <summary>CVSS v3.1 (vector prefix <c>CVSS:3.1/</c>).</summary>
    V31,

    /// <summary>CVSS v4.0 (vector prefix <c>CVSS:4.0/</c>).</summary>
    V40,
}
