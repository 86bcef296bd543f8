using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
using Vigil.Web.Features.OsvApi;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.OsvApi;

/// <summary>Servers with advisories for the OSV API tests, and calls to the API as a tool makes them.</summary>
internal static class OsvApiSteps
{
    public const string V3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";

    /// <summary>A server polling the database often, with the public budget out of the way; more settings on top.</summary>
    public static Task<PlatformFactory> ServerAsync(string engine, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Vigil:OsvApi:RefreshSeconds"] = "0.1",
            ["Vigil:RateLimits:PublicApi"] = "100000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return PlatformFactory.OnAsync(engine, all);
    }

    /// <summary>Imports the records and brings the index up to date at once (the poller would within a tick).</summary>
    public static void Seed(PlatformFactory factory, params string[] records)
    {
        factory.Services.GetRequiredService<AdvisoryStore>().Import(
            records.Select(r => new AdvisoryImport(OsvJson.Read(Encoding.UTF8.GetBytes(r), "test"), "osv")));
        factory.Services.GetRequiredService<AdvisorySnapshot>().Refresh();
    }

    /// <summary>An npm advisory (GHSA-style id) with one affected package and the given ranges or versions JSON.</summary>
    public static string Npm(string id, string package, string affectedRest, string? withdrawn = null, string? aliases = null, string modified = "2024-02-01T00:00:00Z", string ecosystem = "npm") => $$"""
        {
          "schema_version": "1.7.0",
          "id": "{{id}}",
          "modified": "{{modified}}",
          "published": "2024-01-01T00:00:00Z",
          {{(withdrawn is null ? string.Empty : $"\"withdrawn\": \"{withdrawn}\",")}}
          "aliases": [{{aliases ?? string.Empty}}],
          "summary": "A flaw in {{package}}",
          "details": "Details of the flaw in {{package}}.",
          "severity": [{"type": "CVSS_V3", "score": "{{V3}}"}],
          "affected": [{"package": {"ecosystem": "{{ecosystem}}", "name": "{{package}}"}, {{affectedRest}}}],
          "references": [{"type": "ADVISORY", "url": "https://example.org/advisories/{{id}}"}]
        }
        """;

    /// <summary>A SEMVER range from introduced to fixed.</summary>
    public static string Semver(string introduced, string fixedIn, string type = "SEMVER") =>
        $$"""
        "ranges": [{"type": "{{type}}", "events": [{"introduced": "{{introduced}}"}, {"fixed": "{{fixedIn}}"}]}]
        """;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient client, string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await client.PostAsync(path, content);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json", $"{path}: {response.Content.Headers.ContentType} {text}");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The ids of a result's <c>vulns</c> (none when the result is <c>{}</c>).</summary>
    public static List<string> Ids(JsonElement result) =>
        result.TryGetProperty("vulns", out var vulns) ? [.. vulns.EnumerateArray().Select(v => v.GetProperty("id").GetString()!)] : [];

    /// <summary>The ids a single query answers (status 200 asserted).</summary>
    public static async Task<List<string>> QueryAsync(HttpClient client, string body)
    {
        var (status, answer) = await PostAsync(client, "/v1/query", body);
        Assert.True(status == HttpStatusCode.OK, $"{body}: {(int)status} {answer}");
        return Ids(answer);
    }

    /// <summary>Asserts osv.dev's error shape and that the message says <paramref name="expected"/>.</summary>
    public static void AssertError(JsonElement body, int code, string expected)
    {
        Assert.Equal(["code", "message", "details"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(0, body.GetProperty("details").GetArrayLength());
        string message = body.GetProperty("message").GetString()!;
        Assert.True(message.Contains(expected, StringComparison.Ordinal), $"'{message}' does not say '{expected}'");
    }
}
