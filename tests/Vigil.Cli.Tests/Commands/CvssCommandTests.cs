using System.Text.Json;

namespace Vigil.Cli.Tests.Commands;

public class CvssCommandTests
{
    [Fact]
    public void Cvss_PrintsVersionScoreAndRating()
    {
        var result = CliRun.Run("cvss", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("CVSS 3.1  9.8  critical", result.Output.Trim());
    }

    [Fact]
    public void Cvss_Json_HasVersionBaseScoreAndSeverity()
    {
        var result = CliRun.Run("cvss", "--json", "CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal("3.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(1.8m, doc.RootElement.GetProperty("baseScore").GetDecimal());
        Assert.Equal("low", doc.RootElement.GetProperty("severity").GetString());
    }

    [Fact]
    public void Cvss_V4()
    {
        var result = CliRun.Run("cvss", "--json", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal("4.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(9.3m, doc.RootElement.GetProperty("baseScore").GetDecimal());
        Assert.Equal("critical", doc.RootElement.GetProperty("severity").GetString());
    }

    [Theory]
    [InlineData("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "invalid value 'Q' for metric 'AV'")]
    [InlineData("not a vector", "not a valid CVSS vector")]
    [InlineData("CVSS:3.1/AV:N", "missing base metric")]
    public void Cvss_Invalid_ExitsOneWithTheReason(string vector, string message)
    {
        var result = CliRun.Run("cvss", vector);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cvss")]
    [InlineData("cvss", "--frobnicate", "CVSS:3.1/AV:N")]
    [InlineData("no-such-command")]
    public void UsageErrors_ExitTwo(params string[] args)
    {
        var result = CliRun.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("vigil --help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_IsAvailableEverywhere()
    {
        foreach (var args in new[] { new[] { "--help" }, ["cvss", "--help"], ["db", "--help"], ["db", "import", "--help"], ["db", "show", "--help"] })
        {
            var result = CliRun.Run(args);
            Assert.Equal(0, result.ExitCode);
            Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        }
    }
}
