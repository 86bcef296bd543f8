using Vigil.Lockfiles;
using Vigil.Testing.Registry;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// yarn 4 checks every audited package's document for deprecations unless told <c>--no-deprecations</c>: against the
/// server alone it stops on the first 404; with <c>Vigil:NpmAudit:UpstreamRegistry</c> set, the server passes those
/// requests to the upstream registry (a loopback stand-in here) and the audit goes through.
/// </summary>
public sealed class UpstreamRegistryTests
{
    [Fact]
    public async Task Yarn_4_reads_package_documents_through_the_upstream_registry()
    {
        using var sandbox = ClientSandbox.Of("p03-prerelease", "yarn4");
        var lockfile = LockfileReaders.Read(sandbox.Lockfile).Lockfile!;
        using var upstream = StandInRegistry.Start();
        var published = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var package in lockfile.Packages.DistinctBy(p => (p.Name, p.Version)))
        {
            // One minute apart, in the lockfile's order: each name's last version is its "latest".
            upstream.AddPackage(package.Name, package.Version, publishedAt: published = published.AddMinutes(1));
        }

        var server = new AuditServer();
        await server.StartAsync(new() { ["Vigil:NpmAudit:UpstreamRegistry"] = upstream.Url.AbsoluteUri });
        try
        {
            RealClientTests.WriteYarnRc(sandbox, server.Url);
            var result = sandbox.Run("node", [RealClientTests.YarnBerry, "npm", "audit", "--json", "--all", "--recursive"], RealClientTests.YarnBerryEnvironment(sandbox));
            RealClientTests.AssertSame(server.VigilFindings(sandbox.Lockfile), RealClientTests.YarnBerryFindings(result), result);
            Assert.Contains("GET /i18next", upstream.Requests);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_an_upstream_registry_yarn_4_needs_no_deprecations()
    {
        using var sandbox = ClientSandbox.Of("p03-prerelease", "yarn4");
        var server = new AuditServer();
        await server.StartAsync(null);
        try
        {
            RealClientTests.WriteYarnRc(sandbox, server.Url);
            var result = sandbox.Run("node", [RealClientTests.YarnBerry, "npm", "audit", "--json", "--all", "--recursive"], RealClientTests.YarnBerryEnvironment(sandbox));
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("404", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
