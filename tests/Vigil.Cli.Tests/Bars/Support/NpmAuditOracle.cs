using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>
/// The shared tool <c>tools/npm-audit-oracle.js</c>, running on a free loopback port for a test class (xunit class
/// fixture): it serves the WG's npm advisories on npm's bulk advisory endpoint and proxies every other request (the
/// packuments <c>npm audit</c> needs) to the registry the user has configured (<c>npm config get registry</c>). When
/// that registry cannot be reached the fixture fails, with a message that says so: these tests need it.
/// </summary>
public sealed class NpmAuditOracle : IDisposable
{
    private readonly Process _process;

    public NpmAuditOracle()
    {
        Upstream = ConfiguredRegistry();
        Port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { Path.Combine(SharedData.Root, "tools", "npm-audit-oracle.js"), Path.Combine(SharedData.NodejsSecurityWg, "npm"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Upstream })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var ready = _process.StandardError.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result is not { } line || !line.StartsWith("audit oracle on", StringComparison.Ordinal))
        {
            Dispose();
            throw new InvalidOperationException($"npm-audit-oracle.js did not start: {(ready.IsCompletedSuccessfully ? ready.Result : "no answer in 30 s")}");
        }

        _ = _process.StandardError.ReadToEndAsync();
        _ = _process.StandardOutput.ReadToEndAsync();
        AssertUpstreamReachable();
    }

    /// <summary>The registry the oracle proxies to.</summary>
    public string Upstream { get; }

    /// <summary>The oracle's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The URL to give <c>npm audit --registry</c>.</summary>
    public string Registry => $"http://127.0.0.1:{Port}/";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static string ConfiguredRegistry()
    {
        var run = NodeTools.Run("npm", ["config", "get", "registry"], Path.GetTempPath(), string.Empty, TimeSpan.FromMinutes(1));
        string registry = run.StandardOutput.Trim();
        return run.ExitCode == 0 && Uri.TryCreate(registry, UriKind.Absolute, out _)
            ? registry
            : throw new InvalidOperationException($"npm config get registry gave no registry URL ({run.ExitCode}): {run.StandardOutput}{run.StandardError}");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Fetches one packument through the oracle, so that an unreachable registry fails here, clearly.</summary>
    private void AssertUpstreamReachable()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        string problem;
        try
        {
            using var response = http.GetAsync(Registry + "ms").GetAwaiter().GetResult();
            string body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (response.StatusCode == HttpStatusCode.OK && body.Contains("\"versions\"", StringComparison.Ordinal))
            {
                return;
            }

            problem = $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            problem = e.Message;
        }

        Dispose();
        throw new InvalidOperationException(
            $"The npm registry configured for npm ({Upstream}, from 'npm config get registry') could not be reached through npm-audit-oracle.js: {problem}. " +
            "The npm agreement bar needs it: npm audit fetches packuments to compute its verdict.");
    }
}
