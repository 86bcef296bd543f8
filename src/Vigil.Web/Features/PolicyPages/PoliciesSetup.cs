using System.Globalization;
using Vigil.Disclosure.Deadlines;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.PolicyPages;

/// <summary>
/// The machine-readable disclosure policy (<c>GET /policies/disclosure.json</c>), for <c>vigil init security-policy</c>
/// and anyone else: the numbers the clocks use and where to report.
/// </summary>
/// <param name="FirstResponseBusinessDays">Business days from submission to the first answer.</param>
/// <param name="PublicationDays">Calendar days from acceptance to publication.</param>
/// <param name="Holidays">Days (UTC, <c>yyyy-MM-dd</c>) that are not business days.</param>
/// <param name="PlatformUrl">The platform's public base URL.</param>
/// <param name="ReportUrl">The private report form.</param>
/// <param name="PolicyUrl">The disclosure policy page.</param>
public sealed record DisclosurePolicyDocument(
    int FirstResponseBusinessDays, int PublicationDays, IReadOnlyList<string> Holidays, string PlatformUrl, string ReportUrl, string PolicyUrl);

/// <summary>
/// The WG's policies: the disclosure policy (<c>Vigil:Disclosure:*</c>) and the group's rules (<c>Vigil:Group:*</c>)
/// each read once at start into one singleton, which the clocks, the pages and the other features inject, so that
/// what the pages say and what the platform does cannot disagree. The pages are in this folder (<c>/policies/…</c>).
/// </summary>
public static class PoliciesSetup
{
    /// <summary>The policy pages' paths.</summary>
    public const string DisclosurePage = "/policies/disclosure";

    /// <summary>Registers <see cref="DisclosurePolicy"/> and <see cref="GroupRules"/> as singletons, read from the configuration.</summary>
    /// <exception cref="InvalidOperationException">A setting is bad; the message names it (the server stops).</exception>
    public static IServiceCollection AddPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(PolicySettings.Disclosure(configuration));
        services.AddSingleton(PolicySettings.Group(configuration));
        return services;
    }

    /// <summary>The public JSON document of the disclosure policy.</summary>
    public static WebApplication MapPolicies(this WebApplication app)
    {
        app.MapGet(DisclosurePage + ".json", Document)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicApi)
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Document(HttpContext http, DisclosurePolicy policy, AccountLinks links)
    {
        string baseUrl = links.BaseUrl(http.Request);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Json(new DisclosurePolicyDocument(
            policy.FirstResponseBusinessDays,
            policy.PublicationDays,
            [.. policy.Holidays.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))],
            baseUrl,
            baseUrl + "/reports/new",
            baseUrl + DisclosurePage));
    }
}
