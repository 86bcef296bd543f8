using Microsoft.AspNetCore.Http.Features;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>
/// Package documents (<c>GET /name</c>, <c>GET /@scope%2fname</c>, <c>GET /@scope/name</c>), which clients read while
/// auditing (npm to work out which versions an advisory covers, yarn 4's deprecation check): passed to the upstream
/// registry when <c>Vigil:NpmAudit:UpstreamRegistry</c> is set, else a JSON 404 as a registry says it (npm and pnpm
/// go on without them). The site's own routes come first. Nothing of the caller is passed on but the path and the
/// <c>Accept</c> header: no cookies, no credentials.
/// </summary>
internal static class UpstreamRegistry
{
    public const string ClientName = "npm-upstream";

    // npm's package names: lower- or (old packages) upper-case letters, digits, - . _ ~; a scope is @ and the same.
    private const string Name = "regex(^[A-Za-z0-9~][A-Za-z0-9._~-]*$)";
    private const string ScopedName = "regex(^@[A-Za-z0-9~][A-Za-z0-9._~-]*%2[fF][A-Za-z0-9~][A-Za-z0-9._~-]*$)";

    public static void Map(WebApplication app)
    {
        var group = app.MapGroup("").AllowAnonymous().RequireRateLimiting(RateLimits.PublicApi).ExcludeFromDescription();
        group.MapGet($"/{{name:{Name}}}", PassAsync).WithOrder(1000);
        group.MapGet($"/{{scoped:{ScopedName}}}", PassAsync).WithOrder(1000);
        group.MapGet($"/@{{scope:{Name}}}/{{name:{Name}}}", PassAsync).WithOrder(1000);
    }

    private static async Task PassAsync(HttpContext http, IHttpClientFactory clients, NpmAuditOptions options)
    {
        if (options.UpstreamRegistry is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            await http.Response.WriteAsJsonAsync(new NotFound("Not found"), http.RequestAborted);
            return;
        }

        // The path as the client sent it (a scoped name's %2f stays encoded), relative to the upstream's base.
        string target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToUriComponent();
        int query = target.IndexOf('?', StringComparison.Ordinal);
        string path = (query < 0 ? target : target[..query]).TrimStart('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (http.Request.Headers.Accept.ToString() is { Length: > 0 } accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        }
        catch (HttpRequestException)
        {
            http.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        catch (TaskCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return;
        }

        using (response)
        {
            http.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type)
            {
                http.Response.ContentType = type.ToString();
            }

            await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
    }

    /// <summary>The registry's body for a package it does not have.</summary>
    private sealed record NotFound(string Error);
}
