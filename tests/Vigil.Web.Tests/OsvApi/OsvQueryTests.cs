using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Audit;
using Vigil.Data.Advisories;
using Vigil.Testing;
using Vigil.Web.Features.OsvApi;
using Vigil.Web.Tests.Support;
using static Vigil.Web.Tests.OsvApi.OsvApiSteps;

namespace Vigil.Web.Tests.OsvApi;

/// <summary>
/// <c>POST /v1/query</c>, <c>POST /v1/querybatch</c> and <c>GET /v1/vulns/{id}</c> as an OSV client uses them: by name
/// and version, by purl, scoped names, npm's loose versions and prereleases, withdrawn advisories left out, the WG's
/// Node.js core advisories, batches in order with pages, ids and aliases.
/// </summary>
public sealed class OsvQueryTests
{
    private static readonly string[] Records =
    [
        Npm("GHSA-scop-0000-0001", "@acme/widget", Semver("0", "1.2.4"), aliases: "\"CVE-2024-1111\""),
        Npm("GHSA-plai-0000-0001", "plain", Semver("1.0.0", "2.0.0-rc.2", "ECOSYSTEM")),
        Npm("GHSA-plai-0000-0002", "plain", Semver("0", "9.9.9"), withdrawn: "2024-03-01T00:00:00Z", modified: "2024-03-01T00:00:00Z"),
        Npm("GHSA-list-0000-0001", "listed", "\"versions\": [\"1.0.0\", \"weird-build\"]"),
    ];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Query_finds_advisories_by_name_and_version_by_purl_and_for_scoped_names(string engine)
    {
        using var factory = await ServerAsync(engine);
        Seed(factory, Records);
        using var client = factory.CreateClient();

        var (status, answer) = await PostAsync(client, "/v1/query", """{"package": {"name": "@acme/widget", "ecosystem": "npm"}, "version": "1.2.3"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var record = Assert.Single(answer.GetProperty("vulns").EnumerateArray());
        Assert.Equal("GHSA-scop-0000-0001", record.GetProperty("id").GetString());
        Assert.Equal("CVE-2024-1111", record.GetProperty("aliases")[0].GetString());
        Assert.Equal("@acme/widget", record.GetProperty("affected")[0].GetProperty("package").GetProperty("name").GetString());
        Assert.Equal(V3, record.GetProperty("severity")[0].GetProperty("score").GetString());
        Assert.False(answer.TryGetProperty("next_page_token", out _));

        var (_, none) = await PostAsync(client, "/v1/query", """{"package": {"name": "@acme/widget", "ecosystem": "npm"}, "version": "1.2.4"}""");
        Assert.Equal(JsonValueKind.Object, none.ValueKind);
        Assert.Empty(none.EnumerateObject());

        Assert.Equal(["GHSA-scop-0000-0001"], await QueryAsync(client, """{"package": {"purl": "pkg:npm/%40acme/widget@1.2.3"}}"""));
        Assert.Equal(["GHSA-scop-0000-0001"], await QueryAsync(client, """{"package": {"purl": "pkg:npm/%40acme/widget"}, "version": "1.0.0"}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"purl": "pkg:npm/%40acme/widget@1.3.0"}}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"purl": "pkg:npm/widget@1.0.0"}}"""));

        // npm's reading, as vigil audit reads lockfile versions: a prerelease inside the range is affected, v1.5.0 is 1.5.0.
        Assert.Equal(["GHSA-plai-0000-0001"], await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}, "version": "2.0.0-beta.1"}"""));
        Assert.Equal(["GHSA-plai-0000-0001"], await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}, "version": "v1.5.0"}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}, "version": "2.0.0-rc.2"}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}, "version": "0.9.0"}"""));

        // Withdrawn: never matched (it covers every version), with or without a version.
        Assert.Equal(["GHSA-plai-0000-0001"], await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "npm"}, "version": "5.0.0"}"""));

        // Listed versions match exactly, text that is no version included; no ecosystem searches them all; ecosystems are case-sensitive.
        Assert.Equal(["GHSA-list-0000-0001"], await QueryAsync(client, """{"package": {"name": "listed", "ecosystem": "npm"}, "version": "weird-build"}"""));
        Assert.Equal(["GHSA-list-0000-0001"], await QueryAsync(client, """{"package": {"name": "listed", "ecosystem": "npm"}, "version": "1.0.0"}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "listed", "ecosystem": "npm"}, "version": "1.0.1"}"""));
        Assert.Equal(["GHSA-plai-0000-0001"], await QueryAsync(client, """{"package": {"name": "plain"}, "version": "1.5.0"}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"name": "plain", "ecosystem": "NPM"}, "version": "1.5.0"}"""));

        // The same index is the auditor's lookup (the npm audit endpoints use it): withdrawn advisories left out there too.
        var lookup = factory.Services.GetRequiredService<IAdvisoryLookup>();
        Assert.Same(factory.Services.GetRequiredService<AdvisorySnapshot>(), lookup);
        Assert.Equal(["GHSA-plai-0000-0001"], lookup.AffectedEntries("npm", ["plain"]).Select(e => e.AdvisoryId));
        Assert.Equal(["GHSA-scop-0000-0001"], lookup.Facts(["GHSA-scop-0000-0001", "GHSA-plai-0000-0002"]).Keys);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Node_core_advisories_of_the_working_group_answer_by_ecosystem_and_by_purl(string engine)
    {
        using var factory = await ServerAsync(engine);
        var report = new AdvisoryImporter(factory.Services.GetRequiredService<AdvisoryStore>(), TimeProvider.System).Import([SharedData.NodejsSecurityWg]);
        Assert.True(report.Summary.Outcomes.Count > 500, "the WG's records were imported");
        factory.Services.GetRequiredService<AdvisorySnapshot>().Refresh();
        using var client = factory.CreateClient();

        // core/1.json: vulnerable "8.x || 7.x || 4.x || 6.x || 5.x", patched "^8.1.4 || …".
        var affected = await QueryAsync(client, """{"package": {"ecosystem": "Node.js", "name": "node"}, "version": "8.1.3"}""");
        Assert.Contains("NSWG-COR-1", affected);
        Assert.All(affected, id => Assert.StartsWith("NSWG-COR-", id, StringComparison.Ordinal));
        Assert.DoesNotContain("NSWG-COR-1", await QueryAsync(client, """{"package": {"ecosystem": "Node.js", "name": "node"}, "version": "8.1.4"}"""));
        Assert.Equal(affected, await QueryAsync(client, """{"package": {"purl": "pkg:generic/node@8.1.3"}}"""));
        Assert.Empty(await QueryAsync(client, """{"package": {"ecosystem": "npm", "name": "node"}, "version": "8.1.3"}"""));

        var (status, byAlias) = await GetAsync(client, "/v1/vulns/cve-2017-1000381");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("NSWG-COR-1", byAlias.GetProperty("id").GetString());
        Assert.Equal("Node.js", byAlias.GetProperty("affected")[0].GetProperty("package").GetProperty("ecosystem").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Querybatch_answers_in_input_order_with_ids_and_modified_times_and_pages_as_osv_dev_pages(string engine)
    {
        using var factory = await ServerAsync(engine, new() { ["Vigil:OsvApi:PageSize"] = "2", ["Vigil:OsvApi:BatchPageSize"] = "3" });
        Seed(factory, [.. Records, .. Enumerable.Range(1, 5).Select(i => Npm($"GHSA-many-0000-000{i}", "many", Semver("0", "3.0.0"), modified: $"2024-02-0{i}T00:00:00Z"))]);
        using var client = factory.CreateClient();

        // One query, page by page.
        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            string tokenField = token is null ? string.Empty : $", \"page_token\": \"{token}\"";
            var (status, page) = await PostAsync(client, "/v1/query", $$"""{"package": {"name": "many", "ecosystem": "npm"}{{tokenField}}}""");
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(Ids(page));
            token = page.TryGetProperty("next_page_token", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"GHSA-many-0000-000{i}"), seen);

        // A batch: results in input order; a result cut short by the per-query page, or by the whole batch's page, carries a token.
        var (batchStatus, batch) = await PostAsync(client, "/v1/querybatch", """
            {"queries": [
              {"package": {"name": "many", "ecosystem": "npm"}, "version": "1.0.0"},
              {"package": {"name": "nothing", "ecosystem": "npm"}, "version": "1.0.0"},
              {"package": {"purl": "pkg:npm/plain@1.5.0"}},
              {"package": {"name": "@acme/widget", "ecosystem": "npm"}, "version": "1.0.0"}
            ]}
            """);
        Assert.Equal(HttpStatusCode.OK, batchStatus);
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.Equal(["GHSA-many-0000-0001", "GHSA-many-0000-0002"], Ids(results[0]));
        Assert.Empty(results[1].EnumerateObject());
        Assert.Equal(["GHSA-plai-0000-0001"], Ids(results[2]));
        Assert.False(results[2].TryGetProperty("next_page_token", out _));
        Assert.Empty(Ids(results[3]));
        foreach (var vuln in results.SelectMany(r => r.TryGetProperty("vulns", out var v) ? v.EnumerateArray() : Enumerable.Empty<JsonElement>()))
        {
            Assert.Equal(["id", "modified"], vuln.EnumerateObject().Select(p => p.Name));
        }

        Assert.Equal("2024-02-01T00:00:00Z", results[0].GetProperty("vulns")[0].GetProperty("modified").GetString());
        Assert.Equal(["vulns", "next_page_token"], results[0].EnumerateObject().Select(p => p.Name));

        // The next pages of the two results cut short, asked together.
        string first = results[0].GetProperty("next_page_token").GetString()!;
        string last = results[3].GetProperty("next_page_token").GetString()!;
        var (_, more) = await PostAsync(client, "/v1/querybatch", $$"""
            {"queries": [
              {"package": {"name": "many", "ecosystem": "npm"}, "version": "1.0.0", "page_token": "{{first}}"},
              {"package": {"name": "@acme/widget", "ecosystem": "npm"}, "version": "1.0.0", "page_token": "{{last}}"}
            ]}
            """);
        var again = more.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["GHSA-many-0000-0003", "GHSA-many-0000-0004"], Ids(again[0]));
        Assert.True(again[0].TryGetProperty("next_page_token", out _));
        Assert.Equal(["GHSA-scop-0000-0001"], Ids(again[1]));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Vulns_answers_the_record_by_id_or_alias_and_a_404_as_osv_dev(string engine)
    {
        using var factory = await ServerAsync(engine);
        Seed(factory, Records);
        using var client = factory.CreateClient();

        var (status, record) = await GetAsync(client, "/v1/vulns/GHSA-scop-0000-0001");
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = factory.Services.GetRequiredService<AdvisoryStore>().Find("GHSA-scop-0000-0001").Single().Record;
        Assert.Equal(stored, Vigil.Domain.Osv.OsvJson.Read(System.Text.Encoding.UTF8.GetBytes(record.GetRawText())));

        var (aliasStatus, byAlias) = await GetAsync(client, "/v1/vulns/cve-2024-1111");
        Assert.Equal(HttpStatusCode.OK, aliasStatus);
        Assert.Equal("GHSA-scop-0000-0001", byAlias.GetProperty("id").GetString());

        var (withdrawnStatus, withdrawn) = await GetAsync(client, "/v1/vulns/GHSA-plai-0000-0002");
        Assert.Equal(HttpStatusCode.OK, withdrawnStatus);
        Assert.Equal("2024-03-01T00:00:00Z", withdrawn.GetProperty("withdrawn").GetString());

        var (missing, body) = await GetAsync(client, "/v1/vulns/GHSA-none-0000-0000");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertError(body, 5, "Bug not found.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Answers_of_the_query_api_and_the_npm_bulk_endpoint_are_compressed_for_clients_that_ask(string engine)
    {
        using var factory = await ServerAsync(engine);
        Seed(factory, Records);
        using var client = factory.CreateClient();
        string batch = """{"queries": [{"package": {"name": "@acme/widget", "ecosystem": "npm"}, "version": "1.2.3"}, {"package": {"name": "plain", "ecosystem": "npm"}, "version": "1.5.0"}]}""";

        foreach (var (path, body) in new[] { ("/v1/querybatch", batch), ("/-/npm/v1/security/advisories/bulk", """{"@acme/widget": ["1.2.3"], "plain": ["1.5.0"]}""") })
        {
            byte[] plain = await SendAsync(client, path, body, encoding: null);
            byte[] gzipped = await SendAsync(client, path, body, encoding: "gzip");
            using var inflate = new GZipStream(new MemoryStream(gzipped), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            await inflate.CopyToAsync(inflated, TestContext.Current.CancellationToken);
            Assert.Equal(plain, inflated.ToArray());
            Assert.Contains("GHSA-scop-0000-0001", Encoding.UTF8.GetString(plain), StringComparison.Ordinal);
        }
    }

    private static async Task<byte[]> SendAsync(HttpClient client, string path, string body, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (encoding is not null)
        {
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
        }
        else
        {
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }

        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }
}
