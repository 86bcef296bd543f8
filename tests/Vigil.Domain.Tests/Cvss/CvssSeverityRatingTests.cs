using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

public sealed class CvssSeverityRatingTests
{
    [Theory]
    [InlineData("0.0", CvssSeverity.None, "none")]
    [InlineData("0.1", CvssSeverity.Low, "low")]
    [InlineData("3.9", CvssSeverity.Low, "low")]
    [InlineData("4.0", CvssSeverity.Medium, "medium")]
    [InlineData("6.9", CvssSeverity.Medium, "medium")]
    [InlineData("7.0", CvssSeverity.High, "high")]
    [InlineData("8.9", CvssSeverity.High, "high")]
    [InlineData("9.0", CvssSeverity.Critical, "critical")]
    [InlineData("10.0", CvssSeverity.Critical, "critical")]
    public void Maps_the_bands_of_the_specifications(string score, CvssSeverity severity, string name)
    {
        var value = decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(severity, CvssSeverityRating.FromScore(value));
        Assert.Equal(name, CvssSeverityRating.ToName(severity));
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("10.1")]
    public void Rejects_scores_outside_zero_to_ten(string score) =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CvssSeverityRating.FromScore(decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rejects_undefined_severities() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CvssSeverityRating.ToName((CvssSeverity)42));
}
