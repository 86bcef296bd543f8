using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

/// <summary>Every published test vector in <c>Cvss/testdata</c> scores as its source says.</summary>
public sealed class CvssTestVectorTests
{
    public static TheoryData<string, string, string> V3Vectors() => CvssTestVectorFiles.Read("v3-*.txt");

    public static TheoryData<string, string, string> V4Vectors() => CvssTestVectorFiles.Read("v4-*.txt");

    [Theory]
    [MemberData(nameof(V3Vectors))]
    public void V3_vector_scores_as_published(string source, string text, string expected)
    {
        var scores = CvssTestVectorFiles.Scores(expected);
        Assert.True(CvssVector.TryParse(text, out var vector, out var error), $"{source}: {error}");
        Assert.Equal(expected.Split(' ')[0], vector.Scores.BaseScore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(scores[0], vector.Scores.Score);
        Assert.Equal(CvssSeverityRating.FromScore(scores[0]), vector.Scores.Severity);
        if (scores.Length == 1)
        {
            return;
        }

        var values = ParseValues(text);
        var all = CvssV3Calculator.Compute(values, vector.Version);
        Assert.Equal((scores[0], scores[1], scores[2]), all);
        Assert.Equal(Defines(vector, "E", "RL", "RC") ? scores[1] : null, vector.Scores.TemporalScore);
        Assert.Equal(
            Defines(vector, "CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA") ? scores[2] : null,
            vector.Scores.EnvironmentalScore);
    }

    [Theory]
    [MemberData(nameof(V4Vectors))]
    public void V4_vector_scores_as_published(string source, string text, string expected)
    {
        Assert.True(CvssVector.TryParse(text, out var vector, out var error), $"{source}: {error}");
        Assert.Equal(CvssVersion.V40, vector.Version);
        Assert.Equal(expected, vector.Scores.Score.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(CvssSeverityRating.FromScore(vector.Scores.Score), vector.Scores.Severity);
        Assert.Null(vector.Scores.TemporalScore);
        Assert.Null(vector.Scores.EnvironmentalScore);
    }

    [Fact]
    public void Test_vector_files_hold_several_hundred_vectors_of_each_version()
    {
        Assert.True(V3Vectors().Count >= 500, $"{V3Vectors().Count} v3 vectors");
        Assert.True(V4Vectors().Count >= 500, $"{V4Vectors().Count} v4 vectors");
    }

    private static bool Defines(CvssVector vector, params string[] metrics) =>
        metrics.Any(m => vector.GetMetric(m) is { } value && value != "X");

    private static CvssMetricValues ParseValues(string text)
    {
        Assert.Null(CvssVectorParser.TryParse(text, out _, out var values));
        return values!;
    }
}
