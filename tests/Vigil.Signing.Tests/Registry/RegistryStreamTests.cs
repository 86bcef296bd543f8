using System.Net;
using System.Net.Sockets;
using System.Text;
using Vigil.Signing.Registry;

namespace Vigil.Signing.Tests.Registry;

/// <summary>
/// Bodies handed over as streams (tarballs): a body that stalls or grows past the cap fails the read with an
/// <see cref="IOException"/> naming the URL. The server is a raw socket on loopback, to send what no registry would.
/// </summary>
public sealed class RegistryStreamTests
{
    [Fact]
    public async Task A_body_that_stops_arriving_fails_the_read_after_the_time_out()
    {
        using var server = RawServer.Start("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + new string('x', 10), hold: true);
        using var http = new HttpClient(RegistryHttp.CreateHandler());
        var client = new RegistryHttp(http, _ => null, TimeSpan.FromSeconds(1));

        var opened = await client.OpenAsync(server.Url, "application/octet-stream", 1 << 20, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        await using var body = opened.Body!;
        var error = await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));
        Assert.Contains("did not finish within 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_length_fails_the_read_once_it_passes_the_cap()
    {
        string chunk = new('x', 4096);
        var response = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 4; i++)
        {
            response.Append("1000\r\n").Append(chunk).Append("\r\n");
        }

        using var server = RawServer.Start(response.Append("0\r\n\r\n").ToString(), hold: false);
        using var http = new HttpClient(RegistryHttp.CreateHandler());
        var client = new RegistryHttp(http, _ => null, TimeSpan.FromSeconds(10));

        var opened = await client.OpenAsync(server.Url, "application/octet-stream", 10_000, TestContext.Current.CancellationToken);

        await using var body = opened.Body!;
        var error = await Assert.ThrowsAsync<IOException>(() => body.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken));
        Assert.Contains("is larger than 10000 bytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers one connection with fixed bytes, then holds it open or closes it.</summary>
    private sealed class RawServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        private RawServer(TcpListener listener) => _listener = listener;

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/left-pad/-/left-pad-1.3.0.tgz");

        public static RawServer Start(string response, bool hold)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var server = new RawServer(listener);
            _ = server.AnswerAsync(Encoding.ASCII.GetBytes(response), hold);
            return server;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AnswerAsync(byte[] response, bool hold)
        {
            try
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var request = new byte[8192];
                await socket.ReceiveAsync(request, _stop.Token);
                await socket.SendAsync(response, _stop.Token);
                if (hold)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }
        }
    }
}
