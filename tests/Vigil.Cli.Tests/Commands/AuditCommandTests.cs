using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

public sealed class AuditCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public AuditCommandTests() =>
        Assert.Equal(0, CliRun.Run("db", "import", SharedData.NodejsSecurityWg, "--db", _temp.File("vigil.db")).ExitCode);

    public void Dispose() => _temp.Dispose();

    private static string Corpus(string project, string client) => Path.Combine(SharedData.Root, "corpus", project, client);

    private CliResult Vigil(params string[] args) => CliRun.Run([.. args, "--db", _temp.File("vigil.db")]);

    [Fact]
    public void Audit_Json_HasTheDocumentedShape_AndExitsOne()
    {
        var result = Vigil("audit", Corpus("p05-aliases", "npm"), "--format", "json");
        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("packages").GetInt32() > 0);
        var finding = root.GetProperty("findings")[0];
        foreach (string key in new[] { "package", "version", "advisory", "aliases", "severity", "paths", "dev", "fixedIn" })
        {
            Assert.True(finding.TryGetProperty(key, out _), key);
        }

        Assert.Equal(JsonValueKind.Array, root.GetProperty("notAudited").ValueKind);
    }

    [Fact]
    public void Audit_Json_ReportsTheRuntimeTheProjectPins()
    {
        var project = Directory.CreateDirectory(_temp.File("pinned")).FullName;
        foreach (var file in Directory.EnumerateFiles(Corpus("p05-aliases", "npm")))
        {
            File.Copy(file, Path.Combine(project, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(project, ".nvmrc"), "v18.0.0\n");
        Assert.Equal(0, Vigil("db", "import", Path.Combine(SharedData.Root, "data", "nodejs-release", "schedule.json")).ExitCode);
        var result = Vigil("audit", project, "--format", "json");
        using var doc = JsonDocument.Parse(result.Output);
        var runtime = doc.RootElement.GetProperty("runtime");
        Assert.Equal("v18.0.0", runtime.GetProperty("version").GetString());
        Assert.Equal(".nvmrc", runtime.GetProperty("source").GetString());
        Assert.True(runtime.GetProperty("vulnerable").GetBoolean());
        var advisory = runtime.GetProperty("advisories")[0];
        Assert.StartsWith("NSWG-COR-", advisory.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("CVE-", advisory.GetProperty("cves")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_AuditLevel_OnlyChangesTheExitCode()
    {
        var all = Vigil("audit", Corpus("p05-aliases", "npm"), "--format", "json");
        var none = Vigil("audit", Corpus("p05-aliases", "npm"), "--format", "json", "--audit-level", "none");
        Assert.Equal(1, all.ExitCode);
        Assert.Equal(0, none.ExitCode);
        Assert.Equal(all.Output, none.Output);
    }

    [Fact]
    public void Audit_OmitDev_LeavesDevPackagesOut()
    {
        using var all = JsonDocument.Parse(Vigil("audit", Corpus("p06-workspaces", "npm"), "--format", "json").Output);
        using var prod = JsonDocument.Parse(Vigil("audit", Corpus("p06-workspaces", "npm"), "--format", "json", "--omit", "dev").Output);
        Assert.Contains(all.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("dev").GetBoolean());
        Assert.DoesNotContain(prod.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("dev").GetBoolean());
    }

    [Fact]
    public void Audit_IgnoreFile_HidesWithAReason_AndExpiredEntriesStopHiding()
    {
        File.WriteAllText(_temp.File("ignore.json"), """
            { "ignore": [
                { "id": "cve-2018-3721", "reason": "merge is never called with user input" },
                { "id": "NSWG-ECO-493", "reason": "old", "expires": "2020-01-01" }
            ] }
            """);
        using var doc = JsonDocument.Parse(Vigil("audit", Corpus("p05-aliases", "npm"), "--format", "json", "--ignore-file", _temp.File("ignore.json")).Output);
        var root = doc.RootElement;
        Assert.DoesNotContain(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("advisory").GetString() == "NSWG-ECO-368");
        Assert.Contains(root.GetProperty("ignored").EnumerateArray(), f => f.GetProperty("advisory").GetString() == "NSWG-ECO-368");
        Assert.Contains(root.GetProperty("findings").EnumerateArray(), f => f.GetProperty("advisory").GetString() == "NSWG-ECO-493");
        Assert.Equal("NSWG-ECO-493", root.GetProperty("expiredIgnores")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{ "ignore": [ { "id": "X" } ] }""", "ignore[0].reason: required")]
    [InlineData("""{ "ignore": [ { "id": "X", "reason": "r", "expire": "2030-01-01" } ] }""", "unknown key 'expire'")]
    [InlineData("""{ "ignore": [ { "id": "X", "reason": "r", "expires": "soon" } ] }""", "'soon' is not a date")]
    [InlineData("{ \"ignore\": [ ", "ignore.json:1:")]
    public void Audit_ABadIgnoreFile_ExitsThree(string content, string message)
    {
        File.WriteAllText(_temp.File("ignore.json"), content);
        var result = Vigil("audit", Corpus("p05-aliases", "npm"), "--ignore-file", _temp.File("ignore.json"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_AFolderWithoutALockfile_ExitsSix_AndAMissingPathThree()
    {
        Directory.CreateDirectory(_temp.File("empty"));
        Assert.Equal(6, Vigil("audit", _temp.File("empty")).ExitCode);
        Assert.Equal(3, Vigil("audit", _temp.File("nowhere")).ExitCode);
    }

    [Fact]
    public void Audit_Table_FitsEightyColumns()
    {
        var result = Vigil("audit", Corpus("p03-prerelease", "npm"));
        Assert.All(result.Output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
        Assert.Contains("CRITICAL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deps_Json_ListsPackagesWithPaths()
    {
        var result = CliRun.Run("deps", Corpus("p05-aliases", "npm"), "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        var first = doc.RootElement.GetProperty("packages")[0];
        foreach (string key in new[] { "name", "version", "dev", "optional", "paths" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }
    }
}
