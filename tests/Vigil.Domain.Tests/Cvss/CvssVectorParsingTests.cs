using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

public sealed class CvssVectorParsingTests
{
    private const string V31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    private const string V40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CvssVersion.V30)]
    [InlineData(V31, CvssVersion.V31)]
    [InlineData(V40, CvssVersion.V40)]
    public void Parses_each_version(string text, CvssVersion version)
    {
        var vector = CvssVector.Parse(text);
        Assert.Equal(version, vector.Version);
        Assert.Equal(text, vector.Text);
        Assert.Equal(text, vector.ToString());
    }

    [Fact]
    public void V3_accepts_metrics_in_any_order_as_its_specification_requires()
    {
        var shuffled = CvssVector.Parse("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N");
        Assert.Equal(CvssVector.Parse(V31).Scores.BaseScore, shuffled.Scores.BaseScore);
    }

    [Fact]
    public void Trims_surrounding_white_space()
    {
        var vector = CvssVector.Parse("  \t" + V31 + "\r\n");
        Assert.Equal(V31, vector.Text);
    }

    [Fact]
    public void Accepts_not_defined_for_every_optional_metric()
    {
        Assert.True(CvssVector.TryParse(
            V31 + "/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X", out _, out var error), error);
        Assert.True(CvssVector.TryParse(
            V40 + "/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X",
            out _, out error), error);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P")]
    [InlineData("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H")]
    [InlineData("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:U/CR:L/IR:X/AR:L/MAV:A/MAC:H/MAT:N/MPR:N/MUI:P/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/S:N/AU:N/R:I/V:C/RE:H/U:Green")]
    public void Accepts_the_valid_examples_of_the_v4_specification(string text)
    {
        Assert.True(CvssVector.TryParse(text, out _, out var error), error);
    }

    [Theory]
    // The invalid examples of the CVSS v4.0 specification, section 7.
    [InlineData("CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", "invalid value 'F' for metric 'AV'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X", "metric 'E' appears twice")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", "unknown metric 'ui'")]
    [InlineData("AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", "vector does not start with 'CVSS:'")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N", "missing base metric 'VA'")]
    [InlineData("CVSS:4.0/AC:L/AV:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/CR:L/IR:X/AR:L/RE:H/MAV:A/MAC:H/MAT:N/MPR:N/MUI:P/AT:N/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/E:U/S:N/AU:N/R:I/V:C/U:Green", "metric 'AV' is out of order")]
    // Prefix and version.
    [InlineData("", "vector is empty")]
    [InlineData("   ", "vector is empty")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "vector does not start with 'CVSS:'")]
    [InlineData("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unsupported CVSS version '3.2'")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:N/I:N/A:C", "unsupported CVSS version '2.0'")]
    [InlineData("CVSS:/AV:N", "unsupported CVSS version ''")]
    [InlineData("CVSS:3.1", "vector has no metrics")]
    [InlineData("CVSS:3.1/", "vector has no metrics")]
    // Structure.
    [InlineData(V31 + "/", "vector ends with '/'")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "vector has an empty metric")]
    [InlineData("CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric 'AVN' has no value")]
    [InlineData("CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'N:L' for metric 'AV'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H extra", "invalid value 'H extra' for metric 'A'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:", "invalid value '' for metric 'A'")]
    [InlineData("CVSS:3.1/:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric ''")]
    // Names and values.
    [InlineData("CVSS:3.1/ZZ:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric 'ZZ'")]
    [InlineData("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'Q' for metric 'AV'")]
    [InlineData("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'n' for metric 'AV'")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'X' for metric 'AV'")]
    [InlineData("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric 'AV' appears twice")]
    [InlineData("CVSS:3.1/AV:N/AC:L/UI:N/S:U/C:H/I:H/A:H", "missing base metric 'PR'")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H", "missing base metric 'S'")]
    [InlineData(V31 + "/E:A", "invalid value 'A' for metric 'E'")]
    [InlineData(V31 + "/AT:N", "unknown metric 'AT'")]
    [InlineData(V31 + "/MS:X/MS:U", "metric 'MS' appears twice")]
    [InlineData(V40 + "/E:F", "invalid value 'F' for metric 'E'")]
    [InlineData(V40 + "/S:U", "invalid value 'U' for metric 'S'")]
    [InlineData(V40 + "/U:red", "invalid value 'red' for metric 'U'")]
    [InlineData(V40 + "/MSC:S", "invalid value 'S' for metric 'MSC'")]
    [InlineData(V40 + "/RL:O", "unknown metric 'RL'")]
    [InlineData(V40 + "/CR:H/E:A", "metric 'E' is out of order")]
    [InlineData(V40 + "/U:Red/S:N", "metric 'S' is out of order")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SI:N", "metric 'SI' appears twice")]
    [InlineData("CVSS:3.1/AV:\u0001/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value '?' for metric 'AV'")]
    public void Rejects_malformed_vectors_with_a_specific_error(string text, string expected)
    {
        Assert.False(CvssVector.TryParse(text, out var vector, out var error));
        Assert.Null(vector);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => CvssVector.Parse(text));
        Assert.Equal(error, exception.Message);
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(CvssVector.TryParse(null, out _, out var error));
        Assert.Equal("vector is null", error);
        Assert.Throws<ArgumentNullException>(() => CvssVector.Parse(null!));
    }

    [Fact]
    public void Rejects_absurdly_long_input_before_reading_it()
    {
        var text = V31 + "/" + new string('E', 10_000_000);
        Assert.False(CvssVector.TryParse(text, out _, out var error));
        Assert.Equal($"vector is too long ({text.Length} characters; at most 512)", error);
    }

    [Fact]
    public void Quotes_long_tokens_shortly()
    {
        Assert.False(CvssVector.TryParse("CVSS:3.1/" + new string('Z', 300) + ":N", out _, out var error));
        Assert.Equal("unknown metric '" + new string('Z', 24) + "…'", error);
    }

    [Fact]
    public void Gives_metric_values_as_written()
    {
        var vector = CvssVector.Parse(V40 + "/E:X/U:Amber");
        Assert.Equal("N", vector.GetMetric("AV"));
        Assert.Equal("X", vector.GetMetric("E"));
        Assert.Equal("Amber", vector.GetMetric("U"));
        Assert.Null(vector.GetMetric("CR"));
        Assert.Null(vector.GetMetric("RL"));
    }

    [Fact]
    public void Never_throws_on_mutated_or_random_input()
    {
        var random = new Random(20241129);
        const string alphabet = "CVS:3.14/0ANLPHRUXEMSIOTWFYDGZ \t-\u00e9";
        string[] seeds = [V31 + "/E:F/RL:O/RC:C/CR:H/MAV:L/MS:C", V40 + "/E:A/CR:H/MSI:S/U:Clear", "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L"];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = seeds[i % seeds.Length].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < chars.Count: chars.RemoveAt(at); break;
                    case 1 when at < chars.Count: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }

            var text = new string([.. chars]);
            var valid = CvssVector.TryParse(text, out var vector, out var error);
            Assert.True(valid ? vector is not null && error is null : vector is null && !string.IsNullOrEmpty(error), text);
            if (valid)
            {
                Assert.InRange(vector!.Scores.Score, 0m, 10m);
            }
        }
    }
}
