using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>The endpoints' answers and limits, over the loopback socket, with the WG's advisories loaded.</summary>
public sealed class EndpointTests(AuditServer server) : IClassFixture<AuditServer>, IDisposable
{
    private const string Bulk = "/-/npm/v1/security/advisories/bulk";
    private const string Quick = "/-/npm/v1/security/audits/quick";

    private readonly HttpClient _client = new() { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(2) };

    [Fact]
    public async Task Bulk_answers_the_advisories_of_the_versions_asked_plain_or_gzip_alike()
    {
        const string asked = """{"lodash":["4.17.4","4.17.21"],"brace-expansion":["1.1.6"],"left-pad":["1.3.0"]}""";
        var (plainStatus, plain) = await PostAsync(Bulk, Encoding.UTF8.GetBytes(asked));
        var (gzipStatus, gzipped) = await PostAsync(Bulk, Gzip(Encoding.UTF8.GetBytes(asked)), "gzip");
        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.Equal(HttpStatusCode.OK, gzipStatus);
        Assert.Equal(plain, gzipped);

        using var answer = JsonDocument.Parse(plain);
        var root = answer.RootElement;
        Assert.Equal(["brace-expansion", "lodash"], root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var lodash = root.GetProperty("lodash").EnumerateArray().ToList();
        Assert.Contains(lodash, a => a.GetProperty("id").GetString() == "NSWG-ECO-368");
        var brace = root.GetProperty("brace-expansion")[0];
        Assert.Equal("NSWG-ECO-338", brace.GetProperty("id").GetString());
        Assert.Equal("moderate", brace.GetProperty("severity").GetString());
        Assert.Equal("<=1.1.6", brace.GetProperty("vulnerable_versions").GetString());
        Assert.Equal(JsonValueKind.Array, brace.GetProperty("cwe").ValueKind);
        Assert.Equal(6.2m, brace.GetProperty("cvss").GetProperty("score").GetDecimal());
        Assert.StartsWith("CVSS:3.0/", brace.GetProperty("cvss").GetProperty("vectorString").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(brace.GetProperty("url").GetString()));
        Assert.False(string.IsNullOrEmpty(brace.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_fixed_version_gets_no_advisory()
    {
        var (status, body) = await PostAsync(Bulk, Encoding.UTF8.GetBytes("""{"lodash":["4.17.21"],"brace-expansion":["1.1.7"]}"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body);
    }

    [Fact]
    public async Task The_tree_audit_finds_paths_counts_and_aliases()
    {
        const string tree = """
            {"name":"p","version":"1.0.0","requires":{"old":"npm:lodash@4.17.4","minimatch":"3.0.0"},
             "dependencies":{
               "old":{"version":"4.17.4"},
               "minimatch":{"version":"3.0.0","requires":{"brace-expansion":"^1.0.0"},"dependencies":{"brace-expansion":{"version":"1.1.6","dev":true}}},
               "brace-expansion":{"version":"1.1.6"}}}
            """;
        var (status, body) = await PostAsync(Quick, Encoding.UTF8.GetBytes(tree));
        Assert.Equal(HttpStatusCode.OK, status);
        using var answer = JsonDocument.Parse(body);
        var root = answer.RootElement;
        var brace = root.GetProperty("advisories").GetProperty("NSWG-ECO-338");
        Assert.Equal("brace-expansion", brace.GetProperty("module_name").GetString());
        Assert.Equal(["brace-expansion", "minimatch>brace-expansion"], brace.GetProperty("findings")[0].GetProperty("paths").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal("lodash", root.GetProperty("advisories").GetProperty("NSWG-ECO-368").GetProperty("module_name").GetString());
        var resolves = root.GetProperty("actions").EnumerateArray().SelectMany(a => a.GetProperty("resolves").EnumerateArray()).ToList();
        Assert.Contains(resolves, r => r.GetProperty("id").GetString() == "NSWG-ECO-338" && r.GetProperty("path").GetString() == "minimatch>brace-expansion" && r.GetProperty("dev").GetBoolean());
        var metadata = root.GetProperty("metadata");
        Assert.Equal(4, metadata.GetProperty("totalDependencies").GetInt32());
        Assert.Equal(1, metadata.GetProperty("devDependencies").GetInt32());
        int counted = metadata.GetProperty("vulnerabilities").EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.Equal(resolves.Count, counted);
    }

    [Theory]
    [InlineData(Bulk, """{"lodash":["4.17.4"}""", "line 1, byte")]
    [InlineData(Bulk, """{"lodash":[4]}""", "\"lodash\"[0]: expected a version string, found a number")]
    [InlineData(Bulk, """{"lodash":"4.17.4"}""", "\"lodash\": expected an array of version strings, found a string")]
    [InlineData(Bulk, """["lodash"]""", "must be a JSON object")]
    [InlineData(Bulk, "", "not valid JSON")]
    [InlineData(Quick, """{"dependencies":[]}""", "dependencies: expected an object of packages, found an array")]
    [InlineData(Quick, """{"dependencies":{"a":{"version":"1.0.0","dependencies":{"b":7}}}}""", "\"a>b\": expected a package object, found a number")]
    [InlineData(Quick, "{\n  \"dependencies\": {\n    \"a\": }", "line 3, byte")]
    public async Task Malformed_requests_get_a_400_naming_the_field_or_position(string path, string body, string message)
    {
        var (status, text) = await PostAsync(path, Encoding.UTF8.GetBytes(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gzip_bomb_is_cut_off_at_the_decompressed_cap()
    {
        // 80 MiB of one JSON string, about 80 KiB compressed: past the 64 MiB cap once decompressed.
        using var bomb = new MemoryStream();
        using (var zip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zip.Write("{\"a\":[\""u8);
            byte[] filler = new byte[1 << 20];
            Array.Fill(filler, (byte)'1');
            for (int i = 0; i < 80; i++)
            {
                zip.Write(filler);
            }
        }

        Assert.True(bomb.Length < 1 << 20);
        var (status, text) = await PostAsync(Bulk, bomb.ToArray(), "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("decompressed", text, StringComparison.Ordinal);
        var (after, _) = await PostAsync(Bulk, Encoding.UTF8.GetBytes("""{"lodash":["4.17.4"]}"""));
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_body_past_the_cap_or_in_another_encoding_is_refused()
    {
        // Refused on its Content-Length, before it is sent: the client waits for "100 Continue", which never comes.
        using (var patient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = _client.BaseAddress })
        using (var tooLarge = new HttpRequestMessage(HttpMethod.Post, Bulk) { Content = new ByteArrayContent(new byte[(16 << 20) + 1]) })
        {
            tooLarge.Headers.ExpectContinue = true;
            using var response = await patient.SendAsync(tooLarge, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Contains("larger than 16777216 bytes sent", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var (brotli, text) = await PostAsync(Bulk, Encoding.UTF8.GetBytes("{}"), "br");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, brotli);
        Assert.Contains("Content-Encoding 'br'", text, StringComparison.Ordinal);

        var (broken, brokenText) = await PostAsync(Bulk, [0x1f, 0x8b, 1, 2, 3, 4], "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.Contains("not valid gzip", brokenText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_packages_than_the_cap_are_refused()
    {
        var body = new StringBuilder("{");
        for (int i = 0; i <= 20_000; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("\"p").Append(i).Append("\":[\"1.0.0\"]");
        }

        var (status, text) = await PostAsync(Bulk, Encoding.UTF8.GetBytes(body.Append('}').ToString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("more than 20000 packages", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_documents_are_a_registry_404_without_an_upstream()
    {
        foreach (string path in new[] { "/lodash", "/@types%2fnode", "/@types/node" })
        {
            var response = await _client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        // The site's own pages come first.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/advisories", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public void The_endpoints_are_anonymous_and_use_the_public_service_rate_limit()
    {
        var endpoints = server.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/-/npm/", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal(3, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(RateLimits.PublicApi, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
        Assert.All(endpoints, e => Assert.NotNull(e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>()));
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, byte[] body, string? encoding = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        using var response = await _client.PostAsync(path, content, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(data);
        }

        return output.ToArray();
    }
}
