namespace Vigil.Disclosure.Reports;

/// <summary>The field names errors use, as the report form and the JSON API name them.</summary>
public static class ReportFields
{
    /// <summary>The npm package.</summary>
    public const string PackageName = "packageName";

    /// <summary>The affected versions range.</summary>
    public const string AffectedVersions = "affectedVersions";

    /// <summary>The CWE id.</summary>
    public const string CweId = "cweId";

    /// <summary>The title.</summary>
    public const string Title = "title";

    /// <summary>The description.</summary>
    public const string Description = "description";

    /// <summary>The proof of concept.</summary>
    public const string ProofOfConcept = "proofOfConcept";

    /// <summary>The suggested CVSS vector.</summary>
    public const string CvssVector = "cvssVector";

    /// <summary>A transition's reason.</summary>
    public const string Reason = "reason";

    /// <summary>The report a duplicate duplicates.</summary>
    public const string DuplicateOf = "duplicateOf";

    /// <summary>The first version with the fix.</summary>
    public const string FixedVersion = "fixedVersion";

    /// <summary>The maintainer added to a report.</summary>
    public const string Maintainer = "maintainer";
}
