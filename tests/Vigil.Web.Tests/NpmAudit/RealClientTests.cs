using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// The bar of issue 5: the real npm, yarn classic, yarn 4 and pnpm clients, pointed at the server on loopback,
/// report the same (package, advisory) findings as the auditor of <c>vigil audit</c> on the same lockfile, for
/// projects each client resolved itself (the lockfile corpus: prereleases, npm aliases, workspaces).
/// </summary>
public sealed class RealClientTests(AuditServer server) : IClassFixture<AuditServer>
{
    public static TheoryData<string> Projects => new() { "p03-prerelease", "p05-aliases", "p06-workspaces" };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Npm_audit_reports_what_vigil_finds(string project)
    {
        using var sandbox = ClientSandbox.Of(project, "npm");
        var result = sandbox.Run("npm", ["audit", "--json", $"--registry={server.Url}/", "--fetch-retries=0"]);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        using (var report = Json(result, "npm audit"))
        {
            foreach (var vulnerability in report.RootElement.GetProperty("vulnerabilities").EnumerateObject())
            {
                foreach (var via in vulnerability.Value.GetProperty("via").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object))
                {
                    found.Add(AuditServer.Pair(via.GetProperty("name").GetString()!, via.GetProperty("source").GetString()!));
                }
            }
        }

        AssertSame(server.VigilFindings(sandbox.Lockfile), found, result);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Pnpm_audit_reports_what_vigil_finds(string project)
    {
        using var sandbox = ClientSandbox.Of(project, "pnpm");
        string pnpm = Path.Combine(NodeTools.Tool("pnpm"), "node_modules", "pnpm", "bin", "pnpm.cjs");
        var result = sandbox.Run("node", [pnpm, "audit", "--json", "--registry", server.Url + "/"]);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        using (var report = Json(result, "pnpm audit"))
        {
            foreach (var advisory in report.RootElement.GetProperty("advisories").EnumerateObject())
            {
                found.Add(AuditServer.Pair(advisory.Value.GetProperty("module_name").GetString()!, AdvisoryId(advisory.Value)));
            }
        }

        AssertSame(server.VigilFindings(sandbox.Lockfile), found, result);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public async Task Yarn_classic_audit_reports_what_vigil_finds(string project)
    {
        using var sandbox = ClientSandbox.Of(project, "yarn1");
        await using var proxy = new RegistryHostProxy("registry.yarnpkg.com", new Uri(server.Url));
        string ca = Path.Combine(sandbox.Home, "registry-ca.pem");
        File.WriteAllText(ca, proxy.CertificatePem);
        File.WriteAllText(Path.Combine(sandbox.Project, ".yarnrc"), $"""
            registry "{server.Url}/"
            https-proxy "{proxy.Url}"
            proxy "{proxy.Url}"
            cafile "{ca}"
            disable-self-update-check true

            """);
        string yarn = Path.Combine(NodeTools.Tool("yarn-classic"), "node_modules", "yarn", "bin", "yarn.js");
        var result = sandbox.Run("node", [yarn, "audit", "--json", "--non-interactive", "--no-progress"], new Dictionary<string, string>
        {
            ["YARN_CACHE_FOLDER"] = sandbox.Cache,
        });
        var found = new SortedSet<string>(StringComparer.Ordinal);
        bool summary = false;
        foreach (string line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var message = JsonDocument.Parse(line);
            string type = message.RootElement.GetProperty("type").GetString()!;
            summary |= type == "auditSummary";
            if (type == "auditAdvisory")
            {
                var advisory = message.RootElement.GetProperty("data").GetProperty("advisory");
                found.Add(AuditServer.Pair(advisory.GetProperty("module_name").GetString()!, AdvisoryId(advisory)));
            }
        }

        Assert.True(summary, $"yarn audit printed no summary (exit {result.ExitCode}): {result.StandardOutput}\n{result.StandardError}");
        Assert.True(proxy.Tunnels > 0, "yarn did not go through the proxy");
        AssertSame(server.VigilFindings(sandbox.Lockfile), found, result);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Yarn_4_npm_audit_reports_what_vigil_finds(string project)
    {
        using var sandbox = ClientSandbox.Of(project, "yarn4");
        WriteYarnRc(sandbox, server.Url);
        var result = sandbox.Run("node", [YarnBerry, "npm", "audit", "--json", "--all", "--recursive", "--no-deprecations"], YarnBerryEnvironment(sandbox));
        AssertSame(server.VigilFindings(sandbox.Lockfile), YarnBerryFindings(result), result);
    }

    /// <summary>yarn 4's program.</summary>
    internal static string YarnBerry => Path.Combine(NodeTools.Tool("yarn-berry"), "node_modules", "@yarnpkg", "cli-dist", "bin", "yarn.js");

    /// <summary>yarn 4's settings: the server as registry and audit registry, plain http allowed for loopback, nothing global.</summary>
    internal static void WriteYarnRc(ClientSandbox sandbox, string url) =>
        File.WriteAllText(Path.Combine(sandbox.Project, ".yarnrc.yml"), $"""
            npmRegistryServer: "{url}"
            npmAuditRegistry: "{url}"
            unsafeHttpWhitelist:
              - "127.0.0.1"
            nodeLinker: node-modules
            enableTelemetry: false
            enableGlobalCache: false
            cacheFolder: "{sandbox.Cache}"
            globalFolder: "{Path.Combine(sandbox.Home, "yarn-global")}"

            """);

    internal static Dictionary<string, string> YarnBerryEnvironment(ClientSandbox sandbox) => new()
    {
        ["YARN_ENABLE_TELEMETRY"] = "0",
        ["YARN_IGNORE_PATH"] = "1",
    };

    /// <summary>The (package, advisory) pairs of <c>yarn npm audit --json</c>: one line per package and advisory.</summary>
    internal static SortedSet<string> YarnBerryFindings(NodeTools.ProcessResult result)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonDocument message;
            try
            {
                message = JsonDocument.Parse(line);
            }
            catch (JsonException)
            {
                Assert.Fail($"yarn npm audit printed a line that is not JSON (exit {result.ExitCode}): {line}\n{result.StandardError}");
                throw;
            }

            using (message)
            {
                var root = message.RootElement;
                found.Add(AuditServer.Pair(root.GetProperty("value").GetString()!, root.GetProperty("children").GetProperty("ID").GetString()!));
            }
        }

        return found;
    }

    /// <summary>An advisory's id in npm 6's report: the key is <c>id</c>, or <c>id:package</c> when one advisory covers two packages.</summary>
    private static string AdvisoryId(JsonElement advisory) => advisory.GetProperty("id").GetString()!.Split(':')[0];

    private static JsonDocument Json(NodeTools.ProcessResult result, string what)
    {
        try
        {
            return JsonDocument.Parse(result.StandardOutput);
        }
        catch (JsonException)
        {
            Assert.Fail($"{what} printed no JSON report (exit {result.ExitCode}): {result.StandardOutput}\n{result.StandardError}");
            throw;
        }
    }

    /// <summary>The client found exactly what vigil found, and vigil found something (so the comparison can fail).</summary>
    internal static void AssertSame(SortedSet<string> expected, SortedSet<string> actual, NodeTools.ProcessResult result)
    {
        Assert.True(expected.Count > 0, "vigil found nothing in this project: the comparison would prove nothing");
        Assert.True(expected.SetEquals(actual),
            $"only vigil: {string.Join(", ", expected.Except(actual))}; only the client: {string.Join(", ", actual.Except(expected))} (exit {result.ExitCode})\n{result.StandardError}");
    }
}
