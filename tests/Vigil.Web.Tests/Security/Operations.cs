using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// One thing a client can ask of the server: an HTTP method on a route, and for a Razor page the handler
/// (<c>OnPostComment</c> → <c>Comment</c>). <see cref="Key"/> is how the security tables name it:
/// <c>POST /reports/{id:guid}/{handler?} (Comment)</c>.
/// </summary>
internal sealed partial record Operation(string Method, string Route, string? Handler, bool IsPage)
{
    public string Key => $"{Method} {Route}" + (Handler is null ? string.Empty : $" ({Handler})");

    public bool IsApi => Route.StartsWith("/api", StringComparison.Ordinal);

    public bool ChangesState => Method is not ("GET" or "HEAD" or "OPTIONS" or "TRACE");

    /// <summary>The request path: route parameters from <paramref name="values"/> (by name), the handler in the path or the query.</summary>
    public string Path(IReadOnlyDictionary<string, string> values, string? template = null)
    {
        string path = template ?? Route;
        bool handlerInPath = path.Contains("{handler?}", StringComparison.Ordinal);
        path = path.Replace("{handler?}", Handler?.ToLowerInvariant() ?? string.Empty, StringComparison.Ordinal);
        path = Parameter().Replace(path, match =>
        {
            string name = match.Groups[1].Value;
            return values.TryGetValue(name, out string? value)
                ? value
                : throw new InvalidOperationException($"{Key}: no value for the route parameter {{{name}}}; add one to the scene's values or give the matrix entry a path.");
        });
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        return Handler is not null && !handlerInPath ? $"{path}?handler={Handler}" : path;
    }

    /// <summary>Every operation the server maps: minimal API endpoints per method, pages per handler method.</summary>
    public static async Task<List<Operation>> AllAsync(PlatformFactory factory)
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var operations = new List<Operation>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string route = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>() ?? await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                {
                    operations.Add(new Operation("GET", route, null, IsPage: true)); // a page without a model
                }

                operations.AddRange(compiled.HandlerMethods.Select(h => new Operation(h.HttpMethod.ToUpperInvariant(), route, h.Name, IsPage: true)));
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            operations.AddRange(methods.Select(m => new Operation(m.ToUpperInvariant(), route, null, IsPage: false)));
        }

        return operations.DistinctBy(o => o.Key).OrderBy(o => o.Key, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)(?::[^}]*)?\??\}")]
    private static partial Regex Parameter();
}
