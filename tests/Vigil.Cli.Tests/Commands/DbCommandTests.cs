using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

public sealed class DbCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Db => _temp.File("vigil.db");

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "testdata", name);

    private CliResult Vigil(params string[] args) => CliRun.Run([.. args, "--db", Db]);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Import_ThenReimport_IsANoOp()
    {
        var first = Vigil("db", "import", TestData("osv"));
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"added\s+2", first.Output);

        var second = Vigil("db", "import", TestData("osv"), "--json");
        Assert.Equal(0, second.ExitCode);
        using var summary = JsonDocument.Parse(second.Output);
        Assert.Equal(0, summary.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void Import_RejectsABrokenFile_WithItsPosition_AndImportsTheRest()
    {
        var result = Vigil("db", "import", TestData("osv-broken"));
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"truncated\.json:5:1: ", result.Error);
        Assert.Contains("bad-time.json: modified: 'yesterday' is not an RFC 3339 time", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"added\s+1", result.Output);
        Assert.Matches(@"rejected\s+2", result.Output);
        Assert.Equal(0, Vigil("db", "show", "VIGIL-TEST-2").ExitCode);
    }

    [Fact]
    public void Import_MissingPath_ExitsThree_AndImportsNothing()
    {
        var result = Vigil("db", "import", TestData("osv"), _temp.File("nowhere"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no such file or folder", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public void Show_ByAliasInAnyCase()
    {
        Vigil("db", "import", TestData("osv"));
        var result = Vigil("db", "show", "cve-2026-0001");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("VIGIL-TEST-1  Prototype pollution in a test package", result.Output, StringComparison.Ordinal);
        Assert.Contains("npm vigil-test-package <1.2.3", result.Output, StringComparison.Ordinal);
        Assert.Contains("9.8 critical", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Json_IsTheOsvRecord()
    {
        Vigil("db", "import", TestData("osv"));
        var result = Vigil("db", "show", "VIGIL-TEST-2", "--json");
        using var doc = JsonDocument.Parse(result.Output);
        Assert.Equal("VIGIL-TEST-2", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("2.4.0", doc.RootElement.GetProperty("affected")[0].GetProperty("ranges")[0].GetProperty("events")[1].GetProperty("last_affected").GetString());
    }

    [Fact]
    public void Show_Unknown_ExitsOne()
    {
        Vigil("db", "import", TestData("osv"));
        var result = Vigil("db", "show", "CVE-1999-0001");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no advisory has the id or alias 'CVE-1999-0001'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_ByTextAndByPackage()
    {
        Vigil("db", "import", TestData("osv"));
        Assert.StartsWith("VIGIL-TEST-2", Vigil("db", "search", "command injection").Output, StringComparison.Ordinal);
        Assert.StartsWith("VIGIL-TEST-1", Vigil("db", "search", "--package", "vigil-test-package").Output, StringComparison.Ordinal);
        Assert.Equal(1, Vigil("db", "search", "nothing like this").ExitCode);
        Assert.Equal(2, Vigil("db", "search").ExitCode);
    }

    [Fact]
    public void Stats_CountTheRecords()
    {
        Vigil("db", "import", TestData("osv"));
        using var doc = JsonDocument.Parse(Vigil("db", "stats", "--json").Output);
        Assert.Equal(2, doc.RootElement.GetProperty("advisories").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("ecosystems").GetProperty("npm").GetProperty("packages").GetInt32());
    }

    [Fact]
    public void QueriesWithoutADatabase_ExitFour()
    {
        var result = Vigil("db", "show", "X");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("no database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptDatabase_ExitsFour()
    {
        File.WriteAllText(Db, new string('x', 4096));
        var result = Vigil("db", "stats");
        Assert.Equal(4, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
