namespace Vigil.Domain.Osv;

/// <summary>The scoring system of a <c>severity[]</c> entry (<c>severity[].type</c>).</summary>
public enum OsvSeverityType
{
    /// <summary>A value the schema does not define; the original text is kept in <see cref="OsvEnumValue{TEnum}.Text"/>.</summary>
    Unknown = 0,

    /// <summary><c>CVSS_V2</c>: a CVSS v2 vector.</summary>
    CvssV2,

    /// <summary><c>CVSS_V3</c>: a CVSS v3.0 or v3.1 vector.</summary>
    CvssV3,

    /// <summary><c>CVSS_V4</c>: a CVSS v4.0 vector.</summary>
    CvssV4,

    /// <summary><c>Ubuntu</c>: an Ubuntu priority (<c>negligible</c> to <c>critical</c>).</summary>
    Ubuntu,
}
