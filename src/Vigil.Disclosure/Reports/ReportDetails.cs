using System.Diagnostics.CodeAnalysis;
using Vigil.Disclosure.Cwe;
using Vigil.Domain.Cvss;
using Vigil.Domain.Semver;

namespace Vigil.Disclosure.Reports;

/// <summary>
/// The validated content of a report: an npm package, the npm range of affected versions, the CWE, the title, the
/// description and proof of concept in Markdown, and the suggested CVSS vector with its score.
/// </summary>
public sealed record ReportDetails
{
    /// <summary>How affected ranges are read and matched: strictly, with prereleases inside the range (as OSV events mean them).</summary>
    public const SemverOptions RangeOptions = SemverOptions.IncludePrerelease;

    private ReportDetails(string packageName, NpmRange affected, CweEntry cwe, string title, string description, string proofOfConcept, CvssVector? cvss)
    {
        PackageName = packageName;
        AffectedVersions = affected;
        Cwe = cwe;
        Title = title;
        Description = description;
        ProofOfConcept = proofOfConcept;
        Cvss = cvss;
    }

    /// <summary>The npm package.</summary>
    public string PackageName { get; }

    /// <summary>The affected versions; admits at least one version.</summary>
    public NpmRange AffectedVersions { get; }

    /// <summary>The vulnerability type.</summary>
    public CweEntry Cwe { get; }

    /// <summary>The one-line title.</summary>
    public string Title { get; }

    /// <summary>The description, Markdown (rendered through a sanitizer by the host, never trusted).</summary>
    public string Description { get; }

    /// <summary>The proof of concept, Markdown; empty when none was given.</summary>
    public string ProofOfConcept { get; }

    /// <summary>The suggested CVSS vector, parsed and scored; null when none was given.</summary>
    public CvssVector? Cvss { get; }

    /// <summary>
    /// Validates a draft. On failure <paramref name="errors"/> has one entry for each refused field, named by
    /// <see cref="ReportFields"/>; all fields are checked, not only the first bad one.
    /// </summary>
    public static bool TryCreate(
        ReportDraft draft,
        CweCatalogue catalogue,
        [NotNullWhen(true)] out ReportDetails? details,
        out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(catalogue);
        var found = new List<FieldError>();
        void Fail(string field, string? message)
        {
            if (message is not null)
            {
                found.Add(new FieldError(field, message));
            }
        }

        Fail(ReportFields.PackageName, NpmPackageName.Validate(draft.PackageName));

        NpmRange? range = null;
        string? rangeError = TextRules.Check(draft.AffectedVersions, ReportLimits.AffectedVersions, required: true, multiline: false);
        if (rangeError is null && !NpmRange.TryParse(draft.AffectedVersions, RangeOptions, out range, out rangeError))
        {
            rangeError = "is not an npm range: " + rangeError;
        }
        else if (rangeError is null && RangeIntervals.Of(range!).Count == 0)
        {
            rangeError = $"'{draft.AffectedVersions}' admits no version";
        }

        Fail(ReportFields.AffectedVersions, rangeError);

        var cwe = catalogue.Find(draft.CweId);
        Fail(ReportFields.CweId, string.IsNullOrWhiteSpace(draft.CweId) ? "is required"
            : cwe is null ? $"'{Shorten(draft.CweId)}' is not a weakness in the CWE list" : null);

        Fail(ReportFields.Title, TextRules.Check(draft.Title, ReportLimits.Title, required: true, multiline: false));
        Fail(ReportFields.Description, TextRules.Check(draft.Description, ReportLimits.Description, required: true, multiline: true));
        Fail(ReportFields.ProofOfConcept, TextRules.Check(draft.ProofOfConcept, ReportLimits.ProofOfConcept, required: false, multiline: true));

        CvssVector? cvss = null;
        if (!string.IsNullOrWhiteSpace(draft.CvssVector) && !CvssVector.TryParse(draft.CvssVector, out cvss, out string? cvssError))
        {
            Fail(ReportFields.CvssVector, "is not a valid CVSS vector: " + cvssError);
        }

        errors = found;
        details = found.Count == 0
            ? new ReportDetails(draft.PackageName!, range!, cwe!, draft.Title!.Trim(), draft.Description!, draft.ProofOfConcept ?? string.Empty, cvss)
            : null;
        return details is not null;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
