using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Vigil.Cli.Tests.Commands.Sync;

/// <summary>
/// A real HTTP server on loopback (<see cref="HttpListener"/>) serving files from memory, as a static host or a
/// bucket does: a strong entity tag per file, 304 for a matching <c>If-None-Match</c>, 404 for anything else. It
/// counts the requests per path, so that tests see what a sync fetched.
/// </summary>
internal sealed class LoopbackFiles : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public LoopbackFiles()
    {
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base address, without a trailing slash.</summary>
    public string Url { get; }

    /// <summary>When set, every response carries this <c>Repr-Digest</c> instead of the true one.</summary>
    public string? WrongDigest { get; set; }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (starting with <c>/</c>, unescaped).</summary>
    public void Put(string path, byte[] content) => _files[path] = content;

    public void Remove(string path) => _files.TryRemove(path, out _);

    /// <summary>How many GET requests reached <paramref name="path"/>.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    /// <summary>The paths requested (and how often) under <paramref name="prefix"/>.</summary>
    public int RequestsUnder(string prefix) => _requests.Where(r => r.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(r => r.Value);

    public void ResetCounts() => _requests.Clear();

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

            using var response = context.Response;
            string path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
            _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            if (!_files.TryGetValue(path, out var content))
            {
                response.StatusCode = 404;
                continue;
            }

            byte[] hash = SHA256.HashData(content);
            string tag = $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 8))}\"";
            response.Headers["ETag"] = tag;
            if (context.Request.Headers["If-None-Match"] == tag)
            {
                response.StatusCode = 304;
                continue;
            }

            response.Headers["Repr-Digest"] = WrongDigest ?? $"sha-256=:{Convert.ToBase64String(hash)}:";
            response.ContentLength64 = content.Length;
            try
            {
                await response.OutputStream.WriteAsync(content);
            }
            catch (HttpListenerException)
            {
                // The client went away.
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped while waiting for a request.
        }
    }
}
