using Microsoft.Extensions.DependencyInjection.Extensions;
using Vigil.Audit;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Operations;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>
/// The npm audit endpoints (docs/adr/0007): <c>POST /-/npm/v1/security/advisories/bulk</c> (npm 7+, yarn 4) and
/// <c>POST /-/npm/v1/security/audits/quick</c> and <c>/audits</c> (npm 6's tree: yarn classic, pnpm), anonymous
/// and rate-limited as the public service is; package documents are passed to an upstream registry when one is
/// configured (<c>Vigil:NpmAudit:UpstreamRegistry</c>), else they are not found, which npm and pnpm tolerate.
/// </summary>
public static class NpmAuditSetup
{
    /// <summary>The path prefix of the endpoints.</summary>
    public const string Prefix = "/-/npm/v1/security";

    /// <summary>
    /// Reads <c>Vigil:NpmAudit</c>. The advisories come from the <see cref="IAdvisoryLookup"/> the OSV API registers
    /// (its in-memory index, <c>AddOsvApi</c>), which must be added too.
    /// </summary>
    public static IServiceCollection AddNpmAudit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = NpmAuditOptions.From(configuration);
        services.AddSingleton(options);
        services.TryAddSingleton<CompiledRanges>();
        services.TryAddScoped<AdvisoryMatcher>();
        services.AddHttpClient(UpstreamRegistry.ClientName, client =>
        {
            client.BaseAddress = options.UpstreamRegistry;
            client.Timeout = TimeSpan.FromSeconds(60);
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        return services;
    }

    /// <summary>The endpoints.</summary>
    public static WebApplication MapNpmAudit(this WebApplication app)
    {
        var security = app.MapGroup(Prefix)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicApi)
            .CompressPublicResponses()
            .ExcludeFromDescription();
        security.MapPost("/advisories/bulk", BulkAsync);
        security.MapPost("/audits/quick", AuditAsync);
        security.MapPost("/audits", AuditAsync);
        UpstreamRegistry.Map(app);

        return app;
    }

    private static async Task<IResult> BulkAsync(HttpContext http, NpmAuditOptions options, AdvisoryMatcher matcher, AccountLinks links)
    {
        try
        {
            byte[] body = await AuditRequestBody.ReadAsync(http, options);
            var asked = BulkRequest.Parse(body, options);
            var matches = matcher.Match(asked);
            return Results.Bytes(AuditResponses.Bulk(matches, links.BaseUrl(http.Request).TrimEnd('/')), "application/json");
        }
        catch (AuditRequestException e)
        {
            return Refused(e);
        }
    }

    private static async Task<IResult> AuditAsync(HttpContext http, NpmAuditOptions options, AdvisoryMatcher matcher, AccountLinks links)
    {
        try
        {
            byte[] body = await AuditRequestBody.ReadAsync(http, options);
            var nodes = AuditTree.Parse(body, options);
            var asked = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                if (node.Version.Length == 0)
                {
                    continue;
                }

                if (!asked.TryGetValue(node.Name, out var versions))
                {
                    asked[node.Name] = versions = [];
                }

                if (!versions.Contains(node.Version, StringComparer.Ordinal))
                {
                    versions.Add(node.Version);
                }
            }

            var matches = matcher.Match(asked);
            return Results.Bytes(AuditResponses.Legacy(nodes, matches, links.BaseUrl(http.Request).TrimEnd('/')), "application/json");
        }
        catch (AuditRequestException e)
        {
            return Refused(e);
        }
    }

    private static IResult Refused(AuditRequestException e) =>
        Results.Problem(statusCode: e.Status, title: "The audit request was refused.", detail: e.Message);
}
