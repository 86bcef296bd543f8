namespace Vigil.Disclosure.Reports;

/// <summary>A report as the reporter typed it, before validation (<see cref="ReportDetails.TryCreate"/>).</summary>
public sealed record ReportDraft
{
    /// <summary>The npm package, e.g. <c>lodash</c> or <c>@scope/name</c>.</summary>
    public string? PackageName { get; init; }

    /// <summary>The affected versions as an npm range, e.g. <c>&lt;4.17.21</c>.</summary>
    public string? AffectedVersions { get; init; }

    /// <summary>The vulnerability type, a CWE id (<c>CWE-1321</c> or <c>1321</c>).</summary>
    public string? CweId { get; init; }

    /// <summary>A one-line title.</summary>
    public string? Title { get; init; }

    /// <summary>The description, Markdown.</summary>
    public string? Description { get; init; }

    /// <summary>The proof of concept, Markdown; may be empty.</summary>
    public string? ProofOfConcept { get; init; }

    /// <summary>The suggested CVSS v3.0, v3.1 or v4.0 vector; may be empty.</summary>
    public string? CvssVector { get; init; }
}
