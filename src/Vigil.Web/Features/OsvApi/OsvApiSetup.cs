using Microsoft.Extensions.Options;
using Vigil.Audit;
using Vigil.Web.Infrastructure.Operations;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// The OSV-compatible query API (osv.dev's shapes, docs/adr/0006): <c>POST /v1/query</c>, <c>POST /v1/querybatch</c>,
/// <c>GET /v1/vulns/{id}</c>. Anonymous, rate-limited per client address, answered from <see cref="AdvisorySnapshot"/>.
/// </summary>
public static class OsvApiSetup
{
    /// <summary>Registers the index (also as the auditor's <see cref="IAdvisoryLookup"/>) and its poller; reads <c>Vigil:OsvApi</c>.</summary>
    public static IServiceCollection AddOsvApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OsvApiOptions>(configuration.GetSection("Vigil:OsvApi"));
        services.AddSingleton<AdvisorySnapshot>();
        services.AddSingleton<IAdvisoryLookup>(provider => provider.GetRequiredService<AdvisorySnapshot>());
        services.AddHostedService<SnapshotRefresher>();
        return services;
    }

    /// <summary>
    /// The routes, under <c>/v1</c>: JSON for tools, so no anti-forgery (no cookie is read); compressed for clients
    /// that ask (public data, nothing secret in an answer).
    /// </summary>
    public static WebApplication MapOsvApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1")
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.PublicApi)
            .CompressPublicResponses()
            .ExcludeFromDescription();
        v1.MapPost("/query", QueryAsync);
        v1.MapPost("/querybatch", QueryBatchAsync);
        v1.MapGet("/vulns/{id}", VulnAsync);
        return app;
    }

    private static readonly byte[] Empty = "{}"u8.ToArray();
    private static readonly byte[] VulnsStart = "{\"vulns\":["u8.ToArray();
    private static readonly byte[] ResultsStart = "{\"results\":["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] ArrayEnd = "]"u8.ToArray();
    private static readonly byte[] ObjectEnd = "}"u8.ToArray();
    private static readonly byte[] TokenStart = ",\"next_page_token\":"u8.ToArray();
    private static readonly byte[] TokenOnlyStart = "{\"next_page_token\":"u8.ToArray();

    internal static async Task QueryAsync(HttpContext http, AdvisorySnapshot snapshot, IOptions<OsvApiOptions> options)
    {
        var settings = options.Value;
        try
        {
            var query = await OsvBody.ReadAsync(http, settings.MaxQueryBytes, OsvRequestReader.ReadQuery);
            var resolved = query.Resolve(string.Empty);
            var found = OsvMatching.Match(snapshot.Current, resolved);
            var output = new JsonOutput();
            WriteResult(output, found, resolved.Offset, settings.PageSize, full: true);
            await output.WriteAsync(http);
        }
        catch (OsvApiException e)
        {
            await JsonOutput.ErrorAsync(http, e.Status, e.Message);
        }
    }

    internal static async Task QueryBatchAsync(HttpContext http, AdvisorySnapshot snapshot, IOptions<OsvApiOptions> options)
    {
        var settings = options.Value;
        try
        {
            var queries = await OsvBody.ReadAsync(http, settings.MaxBatchBytes, body => OsvRequestReader.ReadBatch(body, settings.MaxBatchQueries));
            var resolved = queries.Select((q, i) => q.Resolve($"queries[{i}].")).ToList();
            var index = snapshot.Current;
            var output = new JsonOutput().Add(ResultsStart);
            int budget = settings.BatchPageSize;
            for (int i = 0; i < resolved.Count; i++)
            {
                if (i > 0)
                {
                    output.Add(Comma);
                }

                var found = OsvMatching.Match(index, resolved[i]);
                int page = Math.Min(settings.PageSize, budget);
                budget -= WriteResult(output, found, resolved[i].Offset, page, full: false);
            }

            await output.Add(ArrayEnd).Add(ObjectEnd).WriteAsync(http);
        }
        catch (OsvApiException e)
        {
            await JsonOutput.ErrorAsync(http, e.Status, e.Message);
        }
    }

    /// <summary>
    /// One result: the advisories from <paramref name="offset"/>, at most <paramref name="page"/> of them, whole or as
    /// <c>{id, modified}</c>, and a <c>next_page_token</c> when more remain; <c>{}</c> when nothing matched. Returns how many it wrote.
    /// </summary>
    private static int WriteResult(JsonOutput output, List<SnapshotAdvisory> found, int offset, int page, bool full)
    {
        int start = Math.Min(offset, found.Count);
        int count = Math.Min(Math.Max(page, 0), found.Count - start);
        bool more = start + count < found.Count;
        if (count == 0)
        {
            if (more)
            {
                output.Add(TokenOnlyStart).AddString(PageTokens.Write(start)).Add(ObjectEnd);
            }
            else
            {
                output.Add(Empty);
            }

            return 0;
        }

        output.Add(VulnsStart);
        for (int i = start; i < start + count; i++)
        {
            if (i > start)
            {
                output.Add(Comma);
            }

            output.Add(full ? found[i].Json : found[i].IdAndModified);
        }

        output.Add(ArrayEnd);
        if (more)
        {
            output.Add(TokenStart).AddString(PageTokens.Write(start + count));
        }

        output.Add(ObjectEnd);
        return count;
    }

    internal static Task VulnAsync(string id, HttpContext http, AdvisorySnapshot snapshot)
    {
        var index = snapshot.Current;
        var advisory = index.ById(id) ?? index.ByKey(id).OrderBy(a => a.Withdrawn).FirstOrDefault();
        return advisory is null
            ? JsonOutput.ErrorAsync(http, StatusCodes.Status404NotFound, "Bug not found.")
            : new JsonOutput().Add(advisory.Json).WriteAsync(http);
    }
}
