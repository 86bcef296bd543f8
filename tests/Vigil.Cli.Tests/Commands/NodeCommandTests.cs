using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

public sealed class NodeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public NodeCommandTests()
    {
        var import = Vigil("db", "import", SharedData.NodejsSecurityWg, Schedule);
        Assert.Equal(0, import.ExitCode);
    }

    private static string Schedule => Path.Combine(SharedData.Root, "data", "nodejs-release", "schedule.json");

    public void Dispose() => _temp.Dispose();

    private CliResult Vigil(params string[] args) => CliRun.Run([.. args, "--db", _temp.File("vigil.db")]);

    [Fact]
    public void AVulnerableVersion_ExitsOne_WithItsAdvisories()
    {
        var result = Vigil("node", "--version", "v18.0.0", "--platform", "linux", "--json");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.Equal("v18.0.0", root.GetProperty("version").GetString());
        Assert.Equal("linux", root.GetProperty("platform").GetString());
        Assert.True(root.GetProperty("vulnerable").GetBoolean());
        Assert.True(root.GetProperty("eol").GetBoolean());
        var first = root.GetProperty("advisories")[0];
        Assert.StartsWith("NSWG-COR-", first.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("CVE-", first.GetProperty("cves")[0].GetString(), StringComparison.Ordinal);
        Assert.NotNull(first.GetProperty("severity").GetString());
    }

    [Fact]
    public void AnEndOfLifeVersionWithNoKnownVulnerability_ExitsFive()
    {
        // The last v20 release in the WG data has no open advisory, but v20 ended on 2026-04-30.
        var versions = Enumerable.Range(0, 60).Select(p => $"v20.20.{p}");
        var clean = versions.Select(v => (v, Vigil("node", "--version", v, "--json"))).First(r => r.Item2.ExitCode != 1);
        Assert.Equal(5, clean.Item2.ExitCode);
        Assert.Contains("reached its end of life", Vigil("node", "--version", clean.v).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheVersionComesFromNvmrc()
    {
        File.WriteAllText(_temp.File(".nvmrc"), "v18.0.0\n");
        var result = Vigil("node", _temp.Path, "--json");
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal("v18.0.0", doc.RootElement.GetProperty("version").GetString());
        Assert.Equal(".nvmrc", doc.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void BadInput_GetsItsOwnExitCodes()
    {
        Assert.Equal(2, Vigil("node", "--version", "not-a-version").ExitCode);
        Assert.Equal(2, Vigil("node", "--version", "20.0.0", "--platform", "amiga").ExitCode);
        File.WriteAllText(_temp.File("schedule-broken.json"), "{ \"v20\": ");
        var broken = Vigil("node", "--version", "20.0.0", "--schedule", _temp.File("schedule-broken.json"));
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("schedule-broken.json:1:", broken.Error, StringComparison.Ordinal);
    }
}
