using System.Text.Json;
using Vigil.Cli.Tests.Bars.Support;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// Bar: <c>vigil audit --format json</c> reports exactly the (package, version, advisory) triples the real
/// <c>npm audit --json</c> reports, when npm asks <see cref="NpmAuditOracle"/> (the WG's npm advisories on the bulk
/// endpoint) and Vigil's database holds the same WG folder. Projects: this folder's npm projects (old vulnerable
/// versions, prereleases, aliases, workspaces, dev, optional and peer dependencies, several versions of a package,
/// a package under several advisories, metavulnerabilities, odd WG ranges) and the shared corpus's npm lockfiles;
/// each as it is and with the <c>--omit</c> values it has dependencies for. npm's report becomes triples by
/// <c>tests/tools/npm-audit/triples.js</c> (an advisory is attributed to a node when the node's version satisfies
/// the advisory's range, with npm's own semver and options). Disagreements: none, so none is explained here.
/// </summary>
public sealed class NpmAgreementTests(NpmAuditOracle oracle, WgDatabase database) : IClassFixture<NpmAuditOracle>, IClassFixture<WgDatabase>
{
    public static TheoryData<string, string> Runs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string project in BarsData.OwnProjects.Concat(BarsData.CorpusProjects))
            {
                foreach (string omit in OmitVariants(project))
                {
                    data.Add(project, omit);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Vigil_reports_the_triples_npm_audit_reports(string project, string omit)
    {
        using var folder = new TempDirectory();
        BarsData.Lay(project, "npm", folder.Path);
        string[] omitArguments = [.. omit.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(o => new[] { "--omit", o })];

        var npm = NpmTriples(folder, omitArguments);
        var vigil = VigilTriples(folder.Path, omitArguments);

        Assert.Equal(string.Join('\n', npm), string.Join('\n', vigil));
        if (omit.Length == 0)
        {
            Assert.NotEmpty(npm);
        }
    }

    /// <summary>No --omit; --omit dev; --omit optional and --omit peer when the lockfile has such packages; all three when it has both.</summary>
    private static IEnumerable<string> OmitVariants(string project)
    {
        string lockfile = File.ReadAllText(Path.Combine(BarsData.LockfileFolder(project, "npm"), "package-lock.json"));
        bool optional = lockfile.Contains("\"optional\": true", StringComparison.Ordinal) || lockfile.Contains("\"devOptional\": true", StringComparison.Ordinal);
        bool peer = lockfile.Contains("\"peer\": true", StringComparison.Ordinal);
        yield return string.Empty;
        yield return "dev";
        if (optional)
        {
            yield return "optional";
        }

        if (peer)
        {
            yield return "peer";
        }

        if (optional && peer)
        {
            yield return "dev optional peer";
        }
    }

    private List<string> NpmTriples(TempDirectory folder, string[] omit)
    {
        var audit = NodeTools.Run("npm", ["audit", "--json", "--registry=" + oracle.Registry, .. omit], folder.Path, string.Empty, TimeSpan.FromMinutes(3));
        // npm audit exits 1 when it finds something, and with another code (and an "error" object) when it fails.
        Assert.True(audit.ExitCode is 0 or 1, $"npm audit failed ({audit.ExitCode}): {audit.StandardOutput}{audit.StandardError}");
        string report = Path.Combine(folder.Path, "..", Path.GetFileName(folder.Path) + ".npm-audit.json");
        File.WriteAllText(report, audit.StandardOutput);
        try
        {
            string triples = NodeTools.RunNode(NodeTools.Tool("npm-audit"), "triples.js", string.Empty, TimeSpan.FromMinutes(1), report, folder.File("package-lock.json"));
            return [.. triples.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        }
        finally
        {
            File.Delete(report);
        }
    }

    private List<string> VigilTriples(string folder, string[] omit)
    {
        var result = database.Vigil(["audit", folder, "--format", "json", "--audit-level", "none", .. omit]);
        Assert.True(result.ExitCode == 0, $"vigil audit exited {result.ExitCode}: {result.Error}");
        using var report = JsonDocument.Parse(result.Output);
        return [.. report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("package").GetString()}@{f.GetProperty("version").GetString()} {f.GetProperty("advisory").GetString()}")
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }
}
