using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// A stand-in for the upstream npm registry, on loopback: the tests must never reach the real one, so this serves the
/// package documents a client reads while auditing (<c>GET /name</c>, <c>GET /@scope%2fname</c>: name, dist-tags and
/// the versions given, nothing deprecated), and records the paths asked. A mock, because the real registry cannot be
/// used here.
/// </summary>
internal sealed class StandInRegistry : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyDictionary<string, IReadOnlyCollection<string>> _versions;
    private readonly List<string> _asked = [];
    private readonly Task _serving;

    /// <summary>Starts serving documents for <paramref name="versions"/> (package name to its versions).</summary>
    public StandInRegistry(IReadOnlyDictionary<string, IReadOnlyCollection<string>> versions)
    {
        _versions = versions;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The registry's URL, with a trailing slash.</summary>
    public string Url { get; }

    /// <summary>The paths asked for, as sent.</summary>
    public IReadOnlyList<string> Asked
    {
        get
        {
            lock (_asked)
            {
                return [.. _asked];
            }
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string raw = context.Request.RawUrl ?? "/";
            lock (_asked)
            {
                _asked.Add(raw);
            }

            string name = Uri.UnescapeDataString(raw.TrimStart('/').Split('?')[0]);
            using var response = context.Response;
            if (context.Request.HttpMethod != "GET" || !_versions.TryGetValue(name, out var versions))
            {
                response.StatusCode = 404;
                continue;
            }

            var document = new Dictionary<string, object>
            {
                ["name"] = name,
                ["dist-tags"] = new Dictionary<string, string> { ["latest"] = versions.Last() },
                ["versions"] = versions.ToDictionary(v => v, v => new Dictionary<string, string> { ["name"] = name, ["version"] = v }),
            };
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(document);
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
