using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The start of the authorization matrix: every endpoint either is listed here as public, or requires
/// authorization. A new route that is neither fails this test.
/// </summary>
public sealed class RouteInventoryTests
{
    /// <summary>The routes anyone may open, and why.</summary>
    private static readonly Dictionary<string, string> Public = new(StringComparer.Ordinal)
    {
        ["/"] = "the home page says what Vigil is",
        ["/error"] = "the error page",
        ["/account/register"] = "registration",
        ["/account/confirm-email"] = "the e-mail confirmation link",
        ["/account/sign-in"] = "sign-in",
        ["/account/sign-in/two-factor"] = "sign-in's second step (needs Identity's two-factor cookie)",
        ["/account/access-denied"] = "the access-denied page",
        ["/account/welcome/{token}"] = "the first-start link",
        ["/account/forgot-password"] = "asking for a password-reset link (answers the same for any address)",
        ["/account/reset-password/{token}"] = "the password-reset link (the token is the credential)",
        ["/members/activity/{token}"] = "the activity check's one-time confirmation link (the token is the credential)",
        ["/reference/api"] = "the API reference page (describes, holds no data)",
        ["/openapi/{documentName}.json"] = "the OpenAPI document (describes, holds no data)",
        ["/advisories"] = "the public advisory list: published advisories only (the advisory database, never a report)",
        ["/advisories/{id}"] = "one public advisory, by id or alias",
        ["/advisories/feed.atom"] = "the public Atom feed of the newest advisories",
        ["/policies"] = "the WG's policies: an index of public pages",
        ["/policies/disclosure"] = "the disclosure policy, with the configured deadlines",
        ["/policies/triage"] = "the triage guidelines",
        ["/policies/module-authors"] = "the guide for npm module authors",
        ["/policies/membership"] = "the group's membership rules (GroupRules)",
        ["/policies/disclosure.json"] = "the disclosure policy's numbers and report URL as JSON, for vigil init security-policy",
        ["/-/npm/v1/security/advisories/bulk"] = "npm audit's bulk advisory query (public advisories for the packages asked)",
        ["/-/npm/v1/security/audits/quick"] = "npm 6's audit of a dependency tree (yarn classic, pnpm): public advisories only",
        ["/-/npm/v1/security/audits"] = "the same audit under npm 6's older path",
        ["/{name:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = "a package document: passed to the upstream registry when configured, else 404",
        ["/{scoped:regex(^@[A-Za-z0-9~][A-Za-z0-9._~-]*%2[fF][A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = "a scoped package document (@scope%2fname), as above",
        ["/@{scope:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}/{name:regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)}"] = "a scoped package document (@scope/name), as above",
        ["/members"] = "the working group's members: name, handle, employer and role, as the WG publishes them",
        ["/health/live"] = "liveness for a load balancer or orchestrator: 200 while the process runs, no detail",
        ["/health/ready"] = "readiness: 200 or 503 (migrated, database answers, not stopping), no detail",
        ["/v1/query"] = "the OSV query API: live advisories of one package (docs/adr/0006)",
        ["/v1/querybatch"] = "the OSV batch query API: ids and modified times of many packages' advisories",
        ["/v1/vulns/{id}"] = "one OSV record by id or alias, as osv.dev answers it",
        ["/osv/all.zip"] = "the advisory database as one OSV zip (osv.dev's layout): public data",
        ["/osv/modified_id.csv"] = "the index of the database's records by modification time (osv.dev's format)",
        ["/osv/ecosystems.txt"] = "the ecosystems the database names",
        ["/osv/{ecosystem}/all.zip"] = "one ecosystem's advisories as an OSV zip",
        ["/osv/{ecosystem}/modified_id.csv"] = "one ecosystem's index by modification time",
        ["/osv/{ecosystem}/{id}.json"] = "one advisory's OSV record, for incremental pulls",
        ["/keyring.json"] = "the authors' keyring: registered public keys, signed by the platform (docs/adr/0011)",
        ["/meetings"] = "the group's meetings: titles, times, places (public, as the WG's meetings are)",
        ["/meetings/{id:long}"] = "one meeting: its agenda and published minutes (rendered sanitized)",
        ["/meetings.ics"] = "the meetings as an iCalendar feed",
        ["/meetings/{id:long}/meeting.ics"] = "one meeting as an iCalendar file (linked from the announcement)",
        ["/nswg/all.zip"] = "the WG's records in the WG's own folders (core/, npm/, deps/)",
    };

    [Fact]
    public void Every_route_is_either_listed_as_public_or_requires_authorization()
    {
        using var factory = new PlatformFactory();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var problems = new List<string>();
        var seenPublic = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            string route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            bool anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            bool authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0;
            if (anonymous)
            {
                if (Public.ContainsKey(route))
                {
                    seenPublic.Add(route);
                }
                else
                {
                    problems.Add($"{route} allows anonymous access but is not listed as public");
                }
            }
            else if (!authorized && !Public.ContainsKey(route))
            {
                // Covered by the fallback policy (authenticated) — allowed, but it must not be a listed public route.
                continue;
            }
            else if (!authorized && Public.ContainsKey(route))
            {
                problems.Add($"{route} is listed as public but requires sign-in");
            }
        }

        Assert.Empty(problems);
        Assert.Equal(Public.Keys.Order(StringComparer.Ordinal), seenPublic.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_route_that_is_not_public_refuses_an_anonymous_request()
    {
        using var factory = new PlatformFactory();
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://vigil.test"), AllowAutoRedirect = false });
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .ToList();
        Assert.NotEmpty(endpoints);

        foreach (var endpoint in endpoints)
        {
            string path = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText ?? string.Empty, "\\{[^}]+\\}", "00000000-0000-0000-0000-000000000000").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (string method in methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                int status = (int)response.StatusCode;
                bool refused = status is 401 or 403
                    || (status == 302 && response.Headers.Location!.ToString().Contains("/account/sign-in", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {path} answered {status} to an anonymous request");
            }
        }
    }
}
