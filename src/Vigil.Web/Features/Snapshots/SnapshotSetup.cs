using System.Text;
using Vigil.Data.Advisories;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Snapshots;

/// <summary>
/// The whole database as downloads, for mirrors and offline use: under <c>/osv/</c> the layout of osv.dev's bucket
/// (<c>all.zip</c>, <c>modified_id.csv</c>, <c>ecosystems.txt</c>, <c>{ecosystem}/all.zip</c>,
/// <c>{ecosystem}/modified_id.csv</c>, <c>{ecosystem}/{id}.json</c>), so that what reads osv.dev's bucket reads this
/// server; and <c>/nswg/all.zip</c>, the WG's folders. Public, rate-limited per client, validated by entity tags.
/// </summary>
public static class SnapshotSetup
{
    /// <summary>The snapshot cache (one per server).</summary>
    public static IServiceCollection AddSnapshots(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotCache>();
        return services;
    }

    /// <summary>The download routes.</summary>
    public static WebApplication MapSnapshots(this WebApplication app)
    {
        var osv = app.MapGroup("/osv").AllowAnonymous().RequireRateLimiting(RateLimits.PublicApi).ExcludeFromDescription();
        osv.MapGet("/all.zip", (HttpContext http, SnapshotCache cache) => FileAsync(http, cache, "all.zip"));
        osv.MapGet("/modified_id.csv", (HttpContext http, SnapshotCache cache) => FileAsync(http, cache, "modified_id.csv"));
        osv.MapGet("/ecosystems.txt", (HttpContext http, SnapshotCache cache) => FileAsync(http, cache, "ecosystems.txt"));
        osv.MapGet("/{ecosystem}/all.zip", (string ecosystem, HttpContext http, SnapshotCache cache) => FileAsync(http, cache, ecosystem + "/all.zip"));
        osv.MapGet("/{ecosystem}/modified_id.csv", (string ecosystem, HttpContext http, SnapshotCache cache) => FileAsync(http, cache, ecosystem + "/modified_id.csv"));
        osv.MapGet("/{ecosystem}/{id}.json", Record);
        app.MapGet("/nswg/all.zip", (HttpContext http, SnapshotCache cache) => FileAsync(http, cache, "nswg/all.zip"))
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicApi).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FileAsync(HttpContext http, SnapshotCache cache, string name)
    {
        var snapshot = await cache.CurrentAsync(http.RequestAborted);
        return snapshot.Files.TryGetValue(name, out var file) ? file.Send(http, snapshot.Change.Changed) : NotFound(name);
    }

    /// <summary>One record, read from the database (not the snapshot): 404 unless it names the ecosystem of the path.</summary>
    private static IResult Record(string ecosystem, string id, HttpContext http, AdvisoryStore store)
    {
        if (store.Record(id) is not { } record)
        {
            return NotFound($"{ecosystem}/{id}.json");
        }

        byte[] json = Encoding.UTF8.GetBytes(record.Json);
        if (!SnapshotBuilder.Ecosystems(json).Contains(ecosystem, StringComparer.Ordinal))
        {
            return NotFound($"{ecosystem}/{id}.json");
        }

        var modified = record.ModifiedTicks > 0 ? new DateTimeOffset(record.ModifiedTicks, TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        return SnapshotFile.InMemory(json, "application/json").Send(http, modified);
    }

    private static IResult NotFound(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such file in the snapshot.", detail: $"{name} is not in this server's snapshot.");
}
