using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.ScaleOut;

/// <summary>What the scale-out tests share: one PostgreSQL database and one key file for every instance, a user, a token.</summary>
internal static class ScaleOutSteps
{
    public const string Email = "reporter@example.org";

    /// <summary>
    /// The settings of every instance over <paramref name="database"/>: the same key file (made here, as an operator
    /// gives every instance the same one), the clock's worker off, rate limits out of the way of the load.
    /// </summary>
    public static Dictionary<string, string?> Shared(PostgresDatabase database, TempDirectory keys, string? applicationName = null)
    {
        string keyFile = keys.File("report-keys");
        _ = SecretCipher.OpenOrCreate(keyFile);
        string connection = applicationName is null
            ? database.ConnectionString
            : new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = applicationName }.ConnectionString;
        return new Dictionary<string, string?>
        {
            ["Vigil:Postgres"] = connection,
            ["Vigil:KeyFile"] = keyFile,
            ["Vigil:Deadlines:Worker"] = "false",
            ["Vigil:RateLimits:SignIn"] = "100000",
            ["Vigil:RateLimits:TwoFactor"] = "100000",
            ["Vigil:RateLimits:Register"] = "100000",
            ["Vigil:RateLimits:Api"] = "100000",
            ["Vigil:RateLimits:PasswordReset"] = "100000",
            ["Vigil:RateLimits:Reports"] = "100000",
            ["Vigil:Shutdown:DrainSeconds"] = "0",
        };
    }

    /// <summary>
    /// Starts two instances with <paramref name="settings"/> at once. When one fails to start, the other is stopped
    /// before the failure is thrown, so that no server process outlives the test.
    /// </summary>
    public static async Task<ServerProcess[]> StartTwoAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var starting = new[] { ServerProcess.StartAsync(settings, cancellationToken), ServerProcess.StartAsync(settings, cancellationToken) };
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>An in-memory host over the same database (and key file), for making users and reading rows.</summary>
    public static PlatformFactory Host(PostgresDatabase database, Dictionary<string, string?> shared) =>
        new(new Dictionary<string, string?>
        {
            ["Vigil:Postgres"] = database.ConnectionString,
            ["Vigil:KeyFile"] = shared["Vigil:KeyFile"],
            ["Vigil:Smtp:Worker"] = "false",
        });

    /// <summary>Signs in on <paramref name="server"/> with a fresh cookie jar and makes an API token that reads and writes reports.</summary>
    public static async Task<string> TokenAsync(ServerProcess server)
    {
        using var browser = new TestBrowser(server.Client(new CookieContainer()));
        var signedIn = await browser.SignInAsync(Email);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var token = await ApiCalls.CreateTokenAsync(browser, "load", [Scopes.ReportsRead, Scopes.ReportsWrite]);
        return token.GetProperty("token").GetString()!;
    }

    /// <summary>Submits a report through the API; the new report's id, or null when it was not acknowledged (no 201).</summary>
    public static async Task<Guid?> SubmitAsync(HttpClient client, string token, int n, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports")
        {
            Content = JsonContent.Create(new
            {
                packageName = "left-pad",
                affectedVersions = "<1.3.1",
                cweId = "CWE-1321",
                title = $"Prototype pollution number {n}",
                description = "Calling `pad(obj)` with a crafted object pollutes the prototype.",
                proofOfConcept = "pad(JSON.parse('{\"__proto__\":{\"x\":1}}'))",
                cvssVector = ReportSteps.Vector,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var created = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return created.GetProperty("id").GetGuid();
    }

    /// <summary>Reads a report through the API; the status code.</summary>
    public static async Task<HttpStatusCode> ReadAsync(HttpClient client, string token, Guid id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }
}
