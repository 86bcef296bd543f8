using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// yarn classic (1.22) posts its audit to a registry host written into the program (its
/// <c>YARN_REGISTRY</c> constant), whatever registry is configured; the only way to point the real client at our server
/// is its https proxy setting. This is that proxy, on loopback: it accepts <c>CONNECT</c> to that one host only,
/// ends TLS with a certificate made here for it (which the client trusts through its <c>cafile</c> setting), and
/// hands the decrypted HTTP to the server under test. It never opens a connection anywhere else, so the client
/// cannot reach the real registry through it.
/// </summary>
internal sealed class RegistryHostProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly string _host;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _tunnels;

    /// <summary>Starts a proxy that sends <paramref name="host"/>'s traffic to <paramref name="target"/> (plain HTTP).</summary>
    public RegistryHostProxy(string host, Uri target)
    {
        _host = host;
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
        CertificatePem = made.ExportCertificatePem();
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's URL (<c>http://127.0.0.1:port</c>).</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The certificate the client must trust, PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>How many tunnels to the host the client opened.</summary>
    public int Tunnels => Volatile.Read(ref _tunnels);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                string head = await ReadHeadAsync(stream);
                string[] first = head.Split("\r\n", 2)[0].Split(' ');
                if (first.Length < 2 || first[0] != "CONNECT" || !string.Equals(first[1], _host + ":443", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), _stop.Token);
                    return;
                }

                Interlocked.Increment(ref _tunnels);
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection Established\r\n\r\n"), _stop.Token);
                await using var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate);
                using var upstream = new TcpClient();
                await upstream.ConnectAsync(_target, _stop.Token);
                var server = upstream.GetStream();
                var toServer = tls.CopyToAsync(server, _stop.Token);
                var toClient = server.CopyToAsync(tls, _stop.Token);
                await Task.WhenAny(toServer, toClient);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // The client or the server hung up: the tunnel ends.
            }
        }
    }

    /// <summary>Reads the proxy request's head, byte by byte, up to the blank line (at most 8 KiB).</summary>
    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (head.Length < 8192 && await stream.ReadAsync(one, _stop.Token) == 1)
        {
            head.Append((char)one[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
            {
                break;
            }
        }

        return head.ToString();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _certificate.Dispose();
        _stop.Dispose();
    }
}
