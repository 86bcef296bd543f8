using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Advisories;
using Vigil.Testing;
using Vigil.Web.Tests.Publication;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;
using static Vigil.Web.Tests.OsvApi.OsvApiSteps;

namespace Vigil.Web.Tests.OsvApi;

/// <summary>
/// The in-memory index follows the database by itself (imports, publications, a second instance's writes), and what the
/// API answers is OSV as the OSV JSON schema defines it.
/// </summary>
public sealed class OsvIndexTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_index_picks_up_an_imported_and_a_published_advisory_by_polling_the_database(string engine)
    {
        using var factory = await ServerAsync(engine);
        using var client = factory.CreateClient();
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "late-pkg", "ecosystem": "npm"}, "version": "1.0.0"}"""));

        // Imported, with no word to the index: the poller sees the change counter move.
        factory.Services.GetRequiredService<AdvisoryStore>().Import([new(Vigil.Domain.Osv.OsvJson.Read(
            System.Text.Encoding.UTF8.GetBytes(Npm("GHSA-late-0000-0001", "late-pkg", Semver("0", "2.0.0")))), "osv")]);
        await EventuallyAsync(client, """{"package": {"name": "late-pkg", "ecosystem": "npm"}, "version": "1.0.0"}""", ["GHSA-late-0000-0001"]);

        // Published through the platform (report → advisory NSWG-ECO-1 for left-pad < 1.3.1).
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var report = await ReportSteps.SubmitAsync(reporter);
        await PublicationSteps.FixAsync(factory, triager, report);
        await PublicationSteps.PublishAsync(factory, triager, report);
        await EventuallyAsync(client, """{"package": {"name": "left-pad", "ecosystem": "npm"}, "version": "1.3.0"}""", ["NSWG-ECO-1"]);

        // Withdrawn through the platform: gone from answers, still there by id.
        var (withdrawal, _) = await ReportSteps.TransitionAsync(triager, report, "Withdraw", new() { ["reason"] = "Not a vulnerability after all." });
        Assert.Equal(HttpStatusCode.Redirect, withdrawal.StatusCode);
        await EventuallyAsync(client, """{"package": {"name": "left-pad", "ecosystem": "npm"}, "version": "1.3.0"}""", []);
        var (status, withdrawn) = await GetAsync(client, "/v1/vulns/NSWG-ECO-1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(withdrawn.TryGetProperty("withdrawn", out _));
    }

    [Fact]
    public async Task Two_instances_over_one_PostgreSQL_database_both_answer_what_either_wrote()
    {
        using var first = await ServerAsync("postgres");
        using var second = new PlatformFactory(new()
        {
            ["Vigil:Postgres"] = first.Setting("Vigil:Postgres"),
            ["Vigil:OsvApi:RefreshSeconds"] = "0.1",
            ["Vigil:RateLimits:PublicApi"] = "100000",
        });
        using var one = first.CreateClient();
        using var two = second.CreateClient();
        const string Query = """{"package": {"name": "shared-pkg", "ecosystem": "npm"}, "version": "1.0.0"}""";
        Assert.Empty(await QueryAsync(two, Query));

        first.Services.GetRequiredService<AdvisoryStore>().Import([new(Vigil.Domain.Osv.OsvJson.Read(
            System.Text.Encoding.UTF8.GetBytes(Npm("GHSA-shar-0000-0001", "shared-pkg", Semver("0", "2.0.0")))), "osv")]);
        await EventuallyAsync(two, Query, ["GHSA-shar-0000-0001"]);
        await EventuallyAsync(one, Query, ["GHSA-shar-0000-0001"]);
    }

    [Fact]
    public async Task What_the_API_answers_validates_against_the_OSV_schema_but_for_the_WGs_own_prefix_and_ecosystem()
    {
        using var factory = await ServerAsync("sqlite");
        var store = factory.Services.GetRequiredService<AdvisoryStore>();
        new AdvisoryImporter(store, TimeProvider.System).Import([SharedData.NodejsSecurityWg]);
        Seed(factory,
            Npm("GHSA-sche-0000-0001", "@acme/schema", Semver("0", "1.2.4"), aliases: "\"CVE-2024-2222\""),
            Npm("GHSA-sche-0000-0002", "schema-too", "\"versions\": [\"1.0.0\"]", withdrawn: "2024-03-01T00:00:00Z"));
        using var client = factory.CreateClient();

        var answers = new List<string>();
        foreach (string id in store.All().Select(a => a.Record.Id))
        {
            using var response = await client.GetAsync("/v1/vulns/" + Uri.EscapeDataString(id), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        var (_, query) = await PostAsync(client, "/v1/query", """{"package": {"ecosystem": "Node.js", "name": "node"}, "version": "8.1.3"}""");
        answers.AddRange(query.GetProperty("vulns").EnumerateArray().Select(v => v.GetRawText()));
        Assert.True(answers.Count > 500);

        using var folder = new TempDirectory();
        string file = folder.File("records.json");
        await File.WriteAllTextAsync(file, "[" + string.Join(",", answers) + "]", TestContext.Current.CancellationToken);
        string output = NodeTools.RunNode(NodeTools.Tool("osv-schema"), "validate.js", string.Empty, TimeSpan.FromMinutes(2), file);

        var problems = new List<string>();
        int checkedRecords = 0;
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var result = JsonDocument.Parse(line);
            string id = result.RootElement.GetProperty("id").GetString()!;
            checkedRecords++;
            foreach (var error in result.RootElement.GetProperty("errors").EnumerateArray())
            {
                string path = error.GetProperty("instancePath").GetString()!;
                string schemaPath = error.GetProperty("schemaPath").GetString()!;

                // docs/adr/0003: OSV reserves no NSWG- prefix and defines no ecosystem for the Node.js runtime.
                bool wgPrefix = path == "/id" && schemaPath == "#/$defs/prefix/pattern" && id.StartsWith("NSWG-", StringComparison.Ordinal);
                bool nodeRuntime = path.EndsWith("/package/ecosystem", StringComparison.Ordinal) && schemaPath == "#/$defs/ecosystemWithSuffix/pattern" && id.StartsWith("NSWG-COR-", StringComparison.Ordinal);
                if (!wgPrefix && !nodeRuntime)
                {
                    problems.Add($"{id} {path}: {error.GetProperty("message").GetString()}");
                }
            }
        }

        Assert.Equal(answers.Count, checkedRecords);
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(50)));
    }

    /// <summary>Polls a query until it answers <paramref name="expected"/>, for at most 20 seconds.</summary>
    private static async Task EventuallyAsync(HttpClient client, string query, string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<string> ids;
        do
        {
            ids = await QueryAsync(client, query);
            if (ids.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(expected, ids);
    }
}
