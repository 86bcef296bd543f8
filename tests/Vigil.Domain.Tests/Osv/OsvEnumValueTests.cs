using Vigil.Domain.Osv;

namespace Vigil.Domain.Tests.Osv;

public class OsvEnumValueTests
{
    [Theory]
    [InlineData("CVSS_V2", OsvSeverityType.CvssV2)]
    [InlineData("CVSS_V3", OsvSeverityType.CvssV3)]
    [InlineData("CVSS_V4", OsvSeverityType.CvssV4)]
    [InlineData("Ubuntu", OsvSeverityType.Ubuntu)]
    public void Severity_types_use_the_schema_spelling(string text, OsvSeverityType value) => AssertSpelling(text, value);

    [Theory]
    [InlineData("GIT", OsvRangeType.Git)]
    [InlineData("SEMVER", OsvRangeType.Semver)]
    [InlineData("ECOSYSTEM", OsvRangeType.Ecosystem)]
    public void Range_types_use_the_schema_spelling(string text, OsvRangeType value) => AssertSpelling(text, value);

    [Theory]
    [InlineData("introduced", OsvEventKind.Introduced)]
    [InlineData("fixed", OsvEventKind.Fixed)]
    [InlineData("last_affected", OsvEventKind.LastAffected)]
    [InlineData("limit", OsvEventKind.Limit)]
    public void Event_kinds_use_the_schema_spelling(string text, OsvEventKind value) => AssertSpelling(text, value);

    [Theory]
    [InlineData("ADVISORY", OsvReferenceType.Advisory)]
    [InlineData("ARTICLE", OsvReferenceType.Article)]
    [InlineData("DETECTION", OsvReferenceType.Detection)]
    [InlineData("DISCUSSION", OsvReferenceType.Discussion)]
    [InlineData("REPORT", OsvReferenceType.Report)]
    [InlineData("FIX", OsvReferenceType.Fix)]
    [InlineData("INTRODUCED", OsvReferenceType.Introduced)]
    [InlineData("GIT", OsvReferenceType.Git)]
    [InlineData("PACKAGE", OsvReferenceType.Package)]
    [InlineData("EVIDENCE", OsvReferenceType.Evidence)]
    [InlineData("WEB", OsvReferenceType.Web)]
    public void Reference_types_use_the_schema_spelling(string text, OsvReferenceType value) => AssertSpelling(text, value);

    [Theory]
    [InlineData("FINDER", OsvCreditType.Finder)]
    [InlineData("REPORTER", OsvCreditType.Reporter)]
    [InlineData("ANALYST", OsvCreditType.Analyst)]
    [InlineData("COORDINATOR", OsvCreditType.Coordinator)]
    [InlineData("REMEDIATION_DEVELOPER", OsvCreditType.RemediationDeveloper)]
    [InlineData("REMEDIATION_REVIEWER", OsvCreditType.RemediationReviewer)]
    [InlineData("REMEDIATION_VERIFIER", OsvCreditType.RemediationVerifier)]
    [InlineData("TOOL", OsvCreditType.Tool)]
    [InlineData("SPONSOR", OsvCreditType.Sponsor)]
    [InlineData("OTHER", OsvCreditType.Other)]
    public void Credit_types_use_the_schema_spelling(string text, OsvCreditType value) => AssertSpelling(text, value);

    [Fact]
    public void Every_enumeration_member_but_unknown_has_a_spelling()
    {
        Assert.All(Enum.GetValues<OsvSeverityType>().Skip(1), v => Assert.NotNull(OsvEnumValue.Of(v).Text));
        Assert.All(Enum.GetValues<OsvRangeType>().Skip(1), v => Assert.NotNull(OsvEnumValue.Of(v).Text));
        Assert.All(Enum.GetValues<OsvEventKind>().Skip(1), v => Assert.NotNull(OsvEnumValue.Of(v).Text));
        Assert.All(Enum.GetValues<OsvReferenceType>().Skip(1), v => Assert.NotNull(OsvEnumValue.Of(v).Text));
        Assert.All(Enum.GetValues<OsvCreditType>().Skip(1), v => Assert.NotNull(OsvEnumValue.Of(v).Text));
    }

    [Theory]
    [InlineData("semver")]
    [InlineData("Semver")]
    [InlineData(" SEMVER")]
    [InlineData("")]
    [InlineData("NPM")]
    public void Other_text_is_unknown_and_kept(string text)
    {
        var value = OsvEnumValue.FromText<OsvRangeType>(text);

        Assert.Equal(OsvRangeType.Unknown, value.Value);
        Assert.False(value.IsKnown);
        Assert.Equal(text, value.Text);
        Assert.NotEqual(OsvEnumValue.FromText<OsvRangeType>(text + "x"), value);
    }

    [Fact]
    public void Unknown_converts_to_the_default_value_which_cannot_be_written()
    {
        OsvEnumValue<OsvRangeType> value = OsvRangeType.Unknown;

        Assert.Equal(default, value);
        Assert.Null(value.Text);
        Assert.Equal("Unknown", value.ToString());
        var record = new OsvRecord
        {
            Id = "x",
            Modified = new OsvTimestamp("m"),
            Affected = [new OsvAffected { Ranges = [new OsvRange { Type = value, Events = [] }] }],
        };
        var error = Assert.Throws<ArgumentException>(() => OsvJson.Write(record));
        Assert.Contains("'type'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertSpelling<TEnum>(string text, TEnum value)
        where TEnum : struct, Enum
    {
        var parsed = OsvEnumValue.FromText<TEnum>(text);
        Assert.Equal(value, parsed.Value);
        Assert.True(parsed.IsKnown);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(parsed, OsvEnumValue.Of(value));
        OsvEnumValue<TEnum> converted = value;
        Assert.Equal(parsed, converted);
        Assert.Equal(text, converted.ToString());
    }
}
