using Vigil.Disclosure.Cwe;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Cvss;

namespace Vigil.Disclosure.Tests.Reports;

/// <summary>A report's fields are checked one by one, and every error names its field.</summary>
public class ReportDetailsTests
{
    private static IReadOnlyList<FieldError> Errors(ReportDraft draft)
    {
        Assert.False(ReportDetails.TryCreate(draft, CweCatalogue.Default, out var details, out var errors));
        Assert.Null(details);
        return errors;
    }

    [Fact]
    public void A_good_draft_becomes_details_with_range_cwe_and_score()
    {
        Assert.True(ReportDetails.TryCreate(Samples.Draft, CweCatalogue.Default, out var details, out var errors));

        Assert.Empty(errors);
        Assert.Equal("left-pad", details.PackageName);
        Assert.Equal("<1.3.0", details.AffectedVersions.Canonical);
        Assert.Equal("CWE-1321", details.Cwe.Id);
        Assert.Equal(CvssVersion.V31, details.Cvss!.Version);
        Assert.Equal(8.2m, details.Cvss.Scores.BaseScore);
    }

    [Fact]
    public void Optional_fields_may_be_empty()
    {
        var details = Samples.Details(Samples.Draft with { ProofOfConcept = null, CvssVector = " " });

        Assert.Null(details.Cvss);
        Assert.Equal(string.Empty, details.ProofOfConcept);
    }

    [Fact]
    public void Every_bad_field_is_reported_by_name_at_once()
    {
        var errors = Errors(new ReportDraft { CvssVector = "CVSS:3.1/AV:X" });

        Assert.Equal(
            [ReportFields.PackageName, ReportFields.AffectedVersions, ReportFields.CweId, ReportFields.Title, ReportFields.Description, ReportFields.CvssVector],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("not a range!", "is not an npm range")]
    [InlineData(">2.0.0 <1.0.0", "admits no version")]
    [InlineData("1.2.3\n|| 2", "single line")]
    public void Affected_versions_must_be_an_npm_range_that_admits_a_version(string range, string message)
    {
        var error = Assert.Single(Errors(Samples.Draft with { AffectedVersions = range }));

        Assert.Equal(ReportFields.AffectedVersions, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CWE-1000")]
    [InlineData("XSS")]
    [InlineData("CWE-0079")]
    public void The_cwe_must_be_a_weakness_of_the_list(string cwe) =>
        Assert.Equal(ReportFields.CweId, Assert.Single(Errors(Samples.Draft with { CweId = cwe })).Field);

    [Theory]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")]
    public void The_cvss_vector_must_be_valid(string vector)
    {
        var error = Assert.Single(Errors(Samples.Draft with { CvssVector = vector }));

        Assert.Equal(ReportFields.CvssVector, error.Field);
        Assert.StartsWith("is not a valid CVSS vector: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cvss_v4_vector_is_scored()
    {
        var details = Samples.Details(Samples.Draft with { CvssVector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" });

        Assert.Equal(CvssVersion.V40, details.Cvss!.Version);
        Assert.Equal(9.3m, details.Cvss.Scores.BaseScore);
    }

    [Fact]
    public void Lengths_are_limited_at_the_limit()
    {
        Samples.Details(Samples.Draft with { Title = new string('t', ReportLimits.Title), Description = new string('d', ReportLimits.Description) });

        Assert.Equal(ReportFields.Title, Assert.Single(Errors(Samples.Draft with { Title = new string('t', ReportLimits.Title + 1) })).Field);
        Assert.Equal(ReportFields.Description, Assert.Single(Errors(Samples.Draft with { Description = new string('d', ReportLimits.Description + 1) })).Field);
        Assert.Equal(ReportFields.ProofOfConcept, Assert.Single(Errors(Samples.Draft with { ProofOfConcept = new string('p', ReportLimits.ProofOfConcept + 1) })).Field);
        Assert.Equal(ReportFields.AffectedVersions, Assert.Single(Errors(Samples.Draft with { AffectedVersions = "<1.0.0 " + new string(' ', ReportLimits.AffectedVersions) })).Field);
    }

    [Theory]
    [InlineData("Two\nlines")]
    [InlineData("Bell\u0007")]
    [InlineData("Tab\there")]
    [InlineData("Line\u2028separator")]
    [InlineData("   ")]
    public void The_title_is_one_line_without_control_characters(string title) =>
        Assert.Equal(ReportFields.Title, Assert.Single(Errors(Samples.Draft with { Title = title })).Field);

    [Fact]
    public void Markdown_texts_keep_line_breaks_but_not_other_controls_or_broken_characters()
    {
        Samples.Details(Samples.Draft with { Description = "a\r\n\tb 🐛" });

        Assert.Equal(ReportFields.Description, Assert.Single(Errors(Samples.Draft with { Description = "nul\0" })).Field);
        Assert.Equal(ReportFields.ProofOfConcept, Assert.Single(Errors(Samples.Draft with { ProofOfConcept = "lone \ud800 surrogate" })).Field);
    }
}
