using System.Globalization;
using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

public sealed class CvssScoresTests
{
    private const string V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H";
    private const string V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    [Fact]
    public void V3_without_temporal_or_environmental_metrics_has_only_a_base_score()
    {
        var scores = CvssVector.Parse(V31).Scores;
        Assert.Equal(9.6m, scores.BaseScore);
        Assert.Equal(scores.BaseScore, scores.Score);
        Assert.Null(scores.TemporalScore);
        Assert.Null(scores.EnvironmentalScore);
        Assert.Null(scores.Nomenclature);
        Assert.Equal(CvssSeverity.Critical, scores.Severity);
        Assert.Equal("critical", scores.SeverityName);
    }

    [Fact]
    public void V3_metrics_that_are_all_not_defined_count_as_omitted()
    {
        var scores = CvssVector.Parse(V31 + "/E:X/RL:X/RC:X/CR:X/MS:X").Scores;
        Assert.Null(scores.TemporalScore);
        Assert.Null(scores.EnvironmentalScore);
    }

    [Fact]
    public void V3_temporal_and_environmental_scores_appear_when_their_metrics_are_defined()
    {
        var temporal = CvssVector.Parse(V31 + "/RC:X/E:P").Scores;
        Assert.Equal(9.1m, temporal.TemporalScore);
        Assert.Null(temporal.EnvironmentalScore);

        // Environmental metrics alone: the Environmental Score uses the v3.1 changed-scope formula (9.7, not 9.6).
        var environmental = CvssVector.Parse(V31 + "/CR:M").Scores;
        Assert.Null(environmental.TemporalScore);
        Assert.Equal(9.7m, environmental.EnvironmentalScore);
        Assert.Equal(9.6m, environmental.Score);
    }

    [Fact]
    public void V30_and_V31_differ_in_the_changed_scope_environmental_formula()
    {
        Assert.Equal(9.6m, CvssVector.Parse(V31.Replace("3.1", "3.0", StringComparison.Ordinal) + "/CR:M").Scores.EnvironmentalScore);
        Assert.Equal(9.7m, CvssVector.Parse(V31 + "/CR:M").Scores.EnvironmentalScore);
    }

    [Theory]
    [InlineData("", CvssNomenclature.CvssB)]
    [InlineData("/E:X/CR:X/MAV:X", CvssNomenclature.CvssB)]
    [InlineData("/S:P/AU:Y/R:I/V:C/RE:H/U:Red", CvssNomenclature.CvssB)]
    [InlineData("/E:P", CvssNomenclature.CvssBT)]
    [InlineData("/CR:L", CvssNomenclature.CvssBE)]
    [InlineData("/MSI:S", CvssNomenclature.CvssBE)]
    [InlineData("/E:U/MAV:L", CvssNomenclature.CvssBTE)]
    public void V4_nomenclature_names_the_metric_groups_used(string suffix, CvssNomenclature expected)
    {
        var scores = CvssVector.Parse(V40 + suffix).Scores;
        Assert.Equal(expected, scores.Nomenclature);
        Assert.Null(scores.TemporalScore);
        Assert.Null(scores.EnvironmentalScore);
    }

    [Theory]
    [InlineData(CvssNomenclature.CvssB, "CVSS-B")]
    [InlineData(CvssNomenclature.CvssBT, "CVSS-BT")]
    [InlineData(CvssNomenclature.CvssBE, "CVSS-BE")]
    [InlineData(CvssNomenclature.CvssBTE, "CVSS-BTE")]
    public void V4_nomenclature_labels(CvssNomenclature nomenclature, string label) =>
        Assert.Equal(label, CvssNomenclatureLabel.ToLabel(nomenclature));

    [Fact]
    public void V4_base_score_ignores_threat_and_environmental_metrics()
    {
        var full = CvssVector.Parse(V40 + "/E:U/CR:L/IR:L/AR:L/MAV:P").Scores;
        var baseOnly = CvssVector.Parse(V40).Scores;
        Assert.Equal(baseOnly.Score, full.BaseScore);
        Assert.True(full.Score < full.BaseScore, $"{full.Score} < {full.BaseScore}");
        Assert.Equal(CvssSeverityRating.FromScore(full.Score), full.Severity);
    }

    [Fact]
    public void V4_supplemental_metrics_never_change_the_score()
    {
        Assert.Equal(CvssVector.Parse(V40).Scores.Score, CvssVector.Parse(V40 + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red").Scores.Score);
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", "10.0")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", "0.0")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", "10.0")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", "0.0")]
    public void Scores_print_with_one_decimal(string text, string printed) =>
        Assert.Equal(printed, CvssVector.Parse(text).Scores.Score.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void V4_vector_whose_modified_impacts_are_all_none_scores_zero()
    {
        var scores = CvssVector.Parse(V40 + "/MVC:N/MVI:N/MVA:N").Scores;
        Assert.Equal(0.0m, scores.Score);
        Assert.Equal(CvssSeverity.None, scores.Severity);
    }
}
