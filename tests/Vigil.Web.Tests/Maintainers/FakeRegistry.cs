using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vigil.Web.Tests.Maintainers;

/// <summary>
/// A registry on loopback: a real Kestrel server on a free port that answers packument requests by their raw path
/// (the request target as sent, so that <c>@scope%2fname</c> is seen as the client escaped it).
/// </summary>
internal sealed class FakeRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRegistry(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The registry's base URL, with a trailing slash.</summary>
    public Uri Url { get; }

    /// <summary>Every request: its raw target and its Authorization header.</summary>
    public ConcurrentQueue<(string Target, string? Authorization, string? Accept)> Requests { get; } = new();

    /// <summary>The answers, by raw target (<c>/left-pad</c>, <c>/@acme%2fwidget</c>); anything else is 404.</summary>
    public ConcurrentDictionary<string, Func<HttpContext, Task>> Routes { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeRegistry? registry = null;
        app.Run(async context =>
        {
            string target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            registry!.Requests.Enqueue((target, context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, context.Request.Headers.Accept.ToString()));
            if (registry.Routes.TryGetValue(target, out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("{\"error\":\"Not found\"}");
            }
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        registry = new FakeRegistry(app, new Uri(address.TrimEnd('/') + "/"));
        return registry;
    }

    /// <summary>Serves <paramref name="json"/> at <paramref name="target"/>.</summary>
    public void Json(string target, string json) => Routes[target] = async context =>
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    };

    /// <summary>
    /// A full packument as the registry sends it: a long readme (one token longer than a read buffer) and many
    /// versions before the maintainers, as in real packuments.
    /// </summary>
    public static string Packument(string name, int versions, params string[] maintainers)
    {
        var text = new System.Text.StringBuilder();
        text.Append("{\"_id\":\"").Append(name).Append("\",\"name\":\"").Append(name).Append("\",\"dist-tags\":{\"latest\":\"1.3.1\"},");
        text.Append("\"readme\":\"").Append('r', 200_000).Append("\",\"versions\":{");
        for (int i = 0; i < versions; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("\"1.0.").Append(i).Append("\":{\"name\":\"").Append(name)
                .Append("\",\"maintainers\":[{\"name\":\"someone-else\",\"email\":\"old@example.org\"}],\"dist\":{\"tarball\":\"x\",\"nested\":[1,2,{\"a\":null}]}}");
        }

        text.Append("},\"maintainers\":[").AppendJoin(',', maintainers).Append("],\"time\":{\"created\":\"2016-03-22T00:00:00.000Z\"}}");
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
