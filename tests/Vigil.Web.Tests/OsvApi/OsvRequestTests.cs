using System.Net;
using System.Text;
using System.Text.Json;
using static Vigil.Web.Tests.OsvApi.OsvApiSteps;

namespace Vigil.Web.Tests.OsvApi;

/// <summary>
/// What a stranger can send: malformed, oversized and mistaken bodies get osv.dev's error shape with a message naming the
/// field; the request samples of osv.dev's API documentation work unchanged (curl's form content type included).
/// </summary>
public sealed class OsvRequestTests
{
    public static TheoryData<string, string, int, string> BadBodies => new()
    {
        { "/v1/query", "not json", 400, "not valid JSON" },
        { "/v1/query", "", 400, "The body is empty" },
        { "/v1/query", "[]", 400, "the body: expected a JSON object" },
        { "/v1/query", """{"package": {"name": "a", "ecosystem": "npm"}} {}""", 400, "more after its JSON object" },
        { "/v1/query", """{"package": {"name": 1, "ecosystem": "npm"}}""", 400, "package.name: expected a string" },
        { "/v1/query", """{"package": {"nmae": "left-pad"}}""", 400, "package.nmae: unknown field" },
        { "/v1/query", """{"package": {"name": "a", "ecosystem": "npm"}, "versions": "1.0.0"}""", 400, "versions: unknown field" },
        { "/v1/query", """{"package": "left-pad"}""", 400, "package: expected an object" },
        { "/v1/query", """{"package": {"purl": "pkg:npm/a@1.0.0"}, "version": "1.0.0"}""", 400, "version: the version is given in package.purl already" },
        { "/v1/query", """{"package": {"purl": "npm/left-pad"}}""", 400, "package.purl: not a package URL" },
        { "/v1/query", """{"package": {"purl": "pkg:npm/%zz@1.0.0"}}""", 400, "package.purl: not a package URL" },
        { "/v1/query", """{"package": {"purl": "pkg:npm/a", "name": "a"}}""", 400, "package.purl: give either purl or name and ecosystem" },
        { "/v1/query", """{"package": {"ecosystem": "npm"}, "version": "1.0.0"}""", 400, "package.name: the package's name is required" },
        { "/v1/query", """{"version": "1.0.0"}""", 400, "package: give package {name, ecosystem} or package.purl" },
        { "/v1/query", """{"package": {"name": "a", "ecosystem": "npm"}, "version": "1.0.0", "commit": "abc"}""", 400, "version and commit: give one of them" },
        { "/v1/query", """{"package": {"name": "a", "ecosystem": "npm"}, "page_token": "not a token!"}""", 400, "page_token: not a page token this service gave" },
        { "/v1/query", """{"package": {"name": [[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}}""", 400, "package.name: expected a string" },
        { "/v1/querybatch", """{"queries": [{"package": {"name": "a", "ecosystem": "npm"}}, {"package": {"nmae": "b"}}]}""", 400, "queries[1].package.nmae: unknown field" },
        { "/v1/querybatch", """{"queries": [{"package": {"name": "a", "ecosystem": "npm"}}, {"version": "1"}]}""", 400, "queries[1].package: give package" },
        { "/v1/querybatch", """{"queries": {}}""", 400, "queries: expected an array of queries" },
        { "/v1/querybatch", """{"queries": [1]}""", 400, "queries[0]: expected a query object" },
        { "/v1/querybatch", """{"queries": [{}, {}, {}, {}]}""", 400, "queries: at most 3 queries in one batch" },
        { "/v1/querybatch", """{"query": []}""", 400, "query: unknown field" },
        { "/v1/query", """{"package": {"name": "a", "ecosystem": "npm"}, "version": """ + "\"" + new string('1', 2000) + "\"}", 413, "larger than 1024 bytes" },
        { "/v1/querybatch", """{"queries": [""" + string.Join(",", Enumerable.Repeat("""{"package": {"name": "a", "ecosystem": "npm"}}""", 60)) + "]}", 413, "larger than 2048 bytes" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_gets_osv_devs_error_shape_naming_the_field(string path, string body, int status, string message)
    {
        using var factory = await ServerAsync("sqlite", new()
        {
            ["Vigil:OsvApi:MaxQueryBytes"] = "1024",
            ["Vigil:OsvApi:MaxBatchBytes"] = "2048",
            ["Vigil:OsvApi:MaxBatchQueries"] = "3",
        });
        using var client = factory.CreateClient();
        var (actual, answer) = await PostAsync(client, path, body);
        Assert.Equal(status, (int)actual);
        AssertError(answer, 3, message);
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_or_sent_in_pieces_is_read_or_refused_cleanly()
    {
        using var factory = await ServerAsync("sqlite");
        Seed(factory, Npm("GHSA-piec-0000-0001", "pieces", Semver("0", "2.0.0")));
        using var client = factory.CreateClient();

        byte[] bad = [.. Encoding.UTF8.GetBytes("{\"package\": {\"name\": \""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\", \"ecosystem\": \"npm\"}}")];
        using var invalid = new ByteArrayContent(bad);
        using var refused = await client.PostAsync("/v1/query", invalid, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertError(JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement, 3, "not valid JSON");

        // Chunked, no length: the body arrives in pieces and is read whole.
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"package": {"name": "pieces", "ecosystem": "npm"}, "version": "1.0.0"}""")));
        using var read = await client.PostAsync("/v1/query", chunked, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("GHSA-piec-0000-0001", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_samples_of_osv_devs_api_documentation_work_unchanged()
    {
        using var factory = await ServerAsync("sqlite");
        using var client = factory.CreateClient();

        // curl -d sends application/x-www-form-urlencoded: the samples are sent as curl sends them.
        const string Form = "application/x-www-form-urlencoded";
        var (commitStatus, commit) = await PostAsync(client, "/v1/query", """{"commit": "6879efc2c1596d11a6a6ad296f80063b558d5e0f"}""", Form);
        Assert.Equal(HttpStatusCode.OK, commitStatus);
        Assert.Empty(commit.EnumerateObject());
        var (nameStatus, byName) = await PostAsync(client, "/v1/query", """{"package": {"name": "mruby"}, "version": "2.1.2rc"}""", Form);
        Assert.Equal(HttpStatusCode.OK, nameStatus);
        Assert.Empty(byName.EnumerateObject());

        var (batchStatus, batch) = await PostAsync(client, "/v1/querybatch", """
            {
              "queries": [
                {
                  "package": {
                    "purl": "pkg:pypi/mlflow@0.4.0"
                  }
                },
                {
                  "commit": "6879efc2c1596d11a6a6ad296f80063b558d5e0f"
                },
                {
                  "package": {
                    "ecosystem": "PyPI",
                    "name": "jinja2"
                  },
                  "version": "2.4.1"
                }
              ]
            }
            """, Form);
        Assert.Equal(HttpStatusCode.OK, batchStatus);
        Assert.Equal(3, batch.GetProperty("results").GetArrayLength());
        Assert.All(batch.GetProperty("results").EnumerateArray(), r => Assert.Empty(r.EnumerateObject()));
    }

    [Fact]
    public async Task A_signed_in_browser_gets_the_same_answer_without_an_anti_forgery_token()
    {
        // The API reads no cookie, so a cross-site post gains nothing: it needs no anti-forgery token (CsrfSweepTests exempts it).
        using var factory = await ServerAsync("sqlite");
        Seed(factory, Npm("GHSA-csrf-0000-0001", "cookies", Semver("0", "2.0.0")));
        using var browser = await Reports.ReportSteps.ReporterAsync(factory, "reporter@example.org");
        using var anonymous = factory.CreateClient();
        const string Body = """{"package": {"name": "cookies", "ecosystem": "npm"}, "version": "1.0.0"}""";
        var (signedIn, withSession) = await PostAsync(browser.Client, "/v1/query", Body);
        var (_, without) = await PostAsync(anonymous, "/v1/query", Body);
        Assert.Equal(HttpStatusCode.OK, signedIn);
        Assert.Equal(without.GetRawText(), withSession.GetRawText());
        Assert.Contains("GHSA-csrf-0000-0001", without.GetRawText(), StringComparison.Ordinal);
    }
}
