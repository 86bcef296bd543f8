using System.Text.Json;
using Vigil.Cli.Tests.Bars.Support;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// Bar: the SARIF and CycloneDX reports pass the formats' real validators with no error (see <see cref="Validators"/>):
/// reports with findings (npm, yarn berry, workspaces, critical advisories), with ignored findings (some; all, with
/// an expired entry), with none, and with the lockfile named from outside the working folder or by a path with a
/// space and a <c>#</c>. Each report is written by the built CLI run as a child process in a working folder, as a
/// CI job runs it. Each validator is first shown to catch a broken report, so that a silent validator cannot pass.
/// </summary>
public sealed class ReportValidationTests(WgDatabase database) : IClassFixture<WgDatabase>
{
    public static TheoryData<string, string> Reports
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string format in new[] { "sarif", "cyclonedx" })
            {
                foreach (string report in new[] { "findings", "workspaces", "yarn-berry", "critical", "some-ignored", "all-ignored", "none", "outside-working-folder", "space-in-path" })
                {
                    data.Add(report, format);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_passes_the_formats_validator(string report, string format)
    {
        using var temp = new TempDirectory();
        string file = Write(temp, report, format, out int findings, out int ignored);
        var problems = Validate(format, file);

        Assert.True(problems.All(p => p.Level != "error"), $"{report}: {string.Join('\n', problems.Where(p => p.Level == "error"))}");
        Assert.True(problems.All(p => p.Level != "warning"), $"{report}: {string.Join('\n', problems.Where(p => p.Level == "warning"))}");
        AssertCounts(format, file, findings, ignored);
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("cyclonedx")]
    public void Validator_catches_a_broken_report(string format)
    {
        using var temp = new TempDirectory();
        string file = Write(temp, "findings", format, out _, out _);
        string text = File.ReadAllText(file);
        string broken = format == "sarif"
            ? text.Replace("\"ruleId\":", "\"ruleIdentifier\":", StringComparison.Ordinal).Replace("\"version\": \"2.1.0\"", "\"version\": \"2.0.0\"", StringComparison.Ordinal)
            : text.Replace("\"type\": \"library\"", "\"type\": \"a library\"", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        File.WriteAllText(file, broken);
        Assert.Contains(Validate(format, file), p => p.Level == "error");
    }

    private static List<Problem> Validate(string format, string file) =>
        format == "sarif" ? Validators.Sarif(file) : Validators.CycloneDx("1.6", file);

    /// <summary>Writes the report with the built CLI; says how many findings and ignored findings its JSON twin has.</summary>
    private string Write(TempDirectory temp, string report, string format, out int findings, out int ignored)
    {
        var (project, client) = report switch
        {
            "workspaces" => ("n04-workspaces", "npm"),
            "yarn-berry" => ("n04-workspaces", "yarn4"),
            "critical" => ("corpus/p03-prerelease", "npm"),
            "all-ignored" => ("n03-aliases", "npm"),
            _ => ("n01-old-vulnerable", "npm"),
        };
        string folder = report == "space-in-path" ? Path.Combine(temp.Path, "my project #1") : temp.File("project");
        Directory.CreateDirectory(folder);
        if (report == "none")
        {
            File.WriteAllText(Path.Combine(folder, "package.json"), """{"name": "none", "version": "1.0.0", "dependencies": {"ms": "2.1.3"}}""");
            File.WriteAllText(Path.Combine(folder, "package-lock.json"), """
                {
                  "name": "none",
                  "version": "1.0.0",
                  "lockfileVersion": 3,
                  "requires": true,
                  "packages": {
                    "": {"name": "none", "version": "1.0.0", "dependencies": {"ms": "2.1.3"}},
                    "node_modules/ms": {"version": "2.1.3", "integrity": "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==", "license": "MIT"}
                  }
                }
                """);
        }
        else
        {
            BarsData.Lay(project, client, folder);
        }

        if (report is "some-ignored" or "all-ignored")
        {
            File.WriteAllText(Path.Combine(folder, ".vigil-ignore.json"), IgnoreFile(folder, all: report == "all-ignored"));
        }

        string workingFolder = report switch
        {
            "outside-working-folder" => SharedData.RepositoryRoot,
            "space-in-path" => temp.Path,
            _ => folder,
        };
        string target = Path.Combine(temp.Path, "report." + format);
        string lockfileArgument = workingFolder == folder ? "." : folder;
        var run = VigilProcess.Run(workingFolder, "audit", lockfileArgument, "--format", format, "--output", target, "--audit-level", "none", "--db", database.Path);
        Assert.True(run.ExitCode == 0, $"vigil audit exited {run.ExitCode}: {run.Error}");

        using var json = JsonDocument.Parse(database.Vigil("audit", folder, "--format", "json", "--audit-level", "none").Output);
        findings = json.RootElement.GetProperty("findings").GetArrayLength();
        ignored = json.RootElement.GetProperty("ignored").GetArrayLength();
        Assert.True(report switch
        {
            "none" => findings == 0 && ignored == 0,
            "some-ignored" => findings > 0 && ignored > 0 && json.RootElement.GetProperty("expiredIgnores").GetArrayLength() == 1,
            "all-ignored" => findings == 0 && ignored > 0,
            _ => findings > 0,
        }, $"{report}: {findings} findings, {ignored} ignored");
        return target;
    }

    /// <summary>
    /// Some: lodash's CVE-2018-3721 by its alias, marked's advisories in marked only, one entry long expired. All: every
    /// advisory the project has, each with a reason.
    /// </summary>
    private string IgnoreFile(string folder, bool all)
    {
        if (!all)
        {
            return """
                { "ignore": [
                    { "id": "CVE-2018-3721", "reason": "merge is never called with user input", "package": "lodash" },
                    { "id": "NSWG-ECO-22", "reason": "marked only renders our own text", "package": "marked", "expires": "2999-12-31" },
                    { "id": "NSWG-ECO-23", "reason": "marked only renders our own text", "package": "marked" },
                    { "id": "NSWG-ECO-48", "reason": "expired: uglify-js was to be upgraded", "expires": "2020-01-01" }
                ] }
                """;
        }

        using var json = JsonDocument.Parse(database.Vigil("audit", folder, "--format", "json", "--audit-level", "none").Output);
        var ids = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("advisory").GetString()!).Distinct();
        return JsonSerializer.Serialize(new { ignore = ids.Select(id => new { id, reason = "not reachable from our code" }) });
    }

    /// <summary>
    /// The report holds what the JSON report holds: SARIF a result per finding and a suppressed result per ignored
    /// finding; CycloneDX a vulnerability per advisory, ignored ones analysed.
    /// </summary>
    private static void AssertCounts(string format, string file, int findings, int ignored)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(file));
        if (format == "sarif")
        {
            var results = report.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(findings, results.Count(r => !r.TryGetProperty("suppressions", out _)));
            Assert.Equal(ignored, results.Count(r => r.TryGetProperty("suppressions", out _)));
            return;
        }

        var vulnerabilities = report.RootElement.GetProperty("vulnerabilities").EnumerateArray().ToList();
        Assert.Equal(findings + ignored, vulnerabilities.Sum(v => v.GetProperty("affects").GetArrayLength()));
        Assert.Equal(findings == 0, vulnerabilities.All(v => v.TryGetProperty("analysis", out _)));
    }
}
