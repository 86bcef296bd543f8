namespace Vigil.Domain.Cvss;

/// <summary>
/// The CVSS v4.0 nomenclature that says which metric groups a v4.0 score was computed from
/// (specification section 1.3). Supplemental metrics never change the score and so never the nomenclature.
/// </summary>
public enum CvssNomenclature
{
    /// <summary>CVSS-B: Base metrics only (every Threat and Environmental metric is Not Defined).</summary>
    CvssB,

    /// <summary>CVSS-BT: Base and Threat metrics (Exploit Maturity is defined).</summary>
    CvssBT,

    /// <summary>CVSS-BE: Base and Environmental metrics (at least one Environmental metric is defined).</summary>
    CvssBE,

    /// <summary>CVSS-BTE: Base, Threat and Environmental metrics.</summary>
    CvssBTE,
}

/// <summary>Text forms of <see cref="CvssNomenclature"/>.</summary>
public static class CvssNomenclatureLabel
{
    /// <summary>The label the specification uses: <c>CVSS-B</c>, <c>CVSS-BT</c>, <c>CVSS-BE</c> or <c>CVSS-BTE</c>.</summary>
    /// <param name="nomenclature">The nomenclature to label.</param>
    /// <returns>The label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nomenclature"/> is not a defined value.</exception>
    public static string ToLabel(CvssNomenclature nomenclature) => nomenclature switch
    {
        CvssNomenclature.CvssB => "CVSS-B",
        CvssNomenclature.CvssBT => "CVSS-BT",
        CvssNomenclature.CvssBE => "CVSS-BE",
        CvssNomenclature.CvssBTE => "CVSS-BTE",
        _ => throw new ArgumentOutOfRangeException(nameof(nomenclature), nomenclature, "Unknown CVSS nomenclature."),
    };
}
