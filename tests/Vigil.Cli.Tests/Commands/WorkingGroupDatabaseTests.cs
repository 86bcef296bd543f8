using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands;

/// <summary>The WG's real database through the CLI: import, show, validate, export and back.</summary>
public sealed class WorkingGroupDatabaseTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private CliResult Vigil(string db, params string[] args) => CliRun.Run([.. args, "--db", _temp.File(db)]);

    [Fact]
    public void Import_TakesEveryRecord_AndShowFindsThemByIdAndCve()
    {
        var import = Vigil("a.db", "db", "import", SharedData.NodejsSecurityWg, "--json");
        Assert.Equal(0, import.ExitCode);
        using (var summary = JsonDocument.Parse(import.Output))
        {
            Assert.Equal(644, summary.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(0, summary.RootElement.GetProperty("rejected").GetInt32());
        }

        var eco = Vigil("a.db", "db", "show", "NSWG-ECO-368");
        Assert.Equal(0, eco.ExitCode);
        Assert.StartsWith("NSWG-ECO-368  lodash prototype pollution", eco.Output, StringComparison.Ordinal);
        Assert.Contains("npm lodash <4.17.5", eco.Output, StringComparison.Ordinal);

        var core = Vigil("a.db", "db", "show", "CVE-2022-35256", "--json");
        Assert.Equal(0, core.ExitCode);
        using var record = JsonDocument.Parse(core.Output);
        Assert.StartsWith("NSWG-COR-", record.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("Node.js", record.RootElement.GetProperty("affected")[0].GetProperty("package").GetProperty("ecosystem").GetString());

        var again = Vigil("a.db", "db", "import", SharedData.NodejsSecurityWg, "--json");
        using var second = JsonDocument.Parse(again.Output);
        Assert.Equal(644, second.RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void Export_Import_Export_IsStable_InBothFormats()
    {
        Vigil("a.db", "db", "import", SharedData.NodejsSecurityWg);
        foreach (string format in new[] { "nswg", "osv" })
        {
            string first = Path.Combine(_temp.Path, format + "-1"), second = Path.Combine(_temp.Path, format + "-2");
            Assert.Equal(0, Vigil("a.db", "db", "export", "--format", format, "--out", first).ExitCode);
            Assert.Equal(0, Vigil(format + ".db", "db", "import", first).ExitCode);
            Assert.Equal(0, Vigil(format + ".db", "db", "export", "--format", format, "--out", second).ExitCode);

            var files = Directory.EnumerateFiles(first, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
            Assert.Equal(644, files.Count);
            Assert.Equal(files, Directory.EnumerateFiles(second, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
            foreach (string file in files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), $"{format}: {file} changed");
            }
        }
    }

    [Fact]
    public void NswgExport_IsTheSameJsonAsTheWgFiles()
    {
        Vigil("a.db", "db", "import", SharedData.NodejsSecurityWg);
        string output = Path.Combine(_temp.Path, "nswg");
        Vigil("a.db", "db", "export", "--format", "nswg", "--out", output);
        foreach (string folder in new[] { "core", "npm", "deps" })
        {
            foreach (string original in Directory.EnumerateFiles(Path.Combine(SharedData.NodejsSecurityWg, folder), "*.json").Where(f => !f.EndsWith("index.json", StringComparison.Ordinal)))
            {
                string exported = Path.Combine(output, folder, Path.GetFileName(original));
                using var a = JsonDocument.Parse(File.ReadAllBytes(original));
                using var b = JsonDocument.Parse(File.ReadAllBytes(exported));
                Assert.True(JsonElement.DeepEquals(a.RootElement, b.RootElement), $"{folder}/{Path.GetFileName(original)} differs");
            }
        }
    }

    [Fact]
    public void Validate_ReportsTheWgDataProblems()
    {
        var result = CliRun.Run("db", "validate", SharedData.NodejsSecurityWg);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("npm/368.json: cvss_score: 2.5 is not the base score of cvss_vector, 1.8 (CVSS v3.0)", result.Output, StringComparison.Ordinal);
        Assert.Contains("core/18.json: cvss: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("644 files checked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CleanOsvFiles_ExitZero()
    {
        var result = CliRun.Run("db", "validate", Path.Combine(AppContext.BaseDirectory, "testdata", "osv"));
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Output);
    }
}
