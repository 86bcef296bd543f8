using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

public sealed class CvssRoundingTests
{
    [Theory]
    // The examples of both specifications' Roundup definition.
    [InlineData("4.02", "4.1", "4.1")]
    [InlineData("4.00", "4.0", "4.0")]
    // v3.1 Appendix A: an input of 1.200003 is first rounded to 1.20000, so Roundup returns 1.2; v3.0 rounds it up.
    [InlineData("1.200003", "1.3", "1.2")]
    [InlineData("1.200006", "1.3", "1.3")]
    // The Appendix A example of floating point error (0.1 + 0.2) cannot happen in decimal arithmetic.
    [InlineData("0.3", "0.3", "0.3")]
    [InlineData("10", "10.0", "10.0")]
    [InlineData("0", "0.0", "0.0")]
    public void Roundup_of_each_version(string input, string v30, string v31)
    {
        var value = decimal.Parse(input, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(v30, CvssRounding.RoundupV30(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(v31, CvssRounding.RoundupV31(value).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
