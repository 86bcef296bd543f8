using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Vigil.Testing.Registry;

/// <summary>
/// A stand-in for an npm registry: a real HTTP/1.1 server on loopback (a <see cref="TcpListener"/>, no mock) that
/// serves what npm's registry serves, in its shapes: packuments (the full one, and the abbreviated
/// <c>application/vnd.npm.install-v1+json</c> one, which has <c>dist.signatures</c> but no <c>time</c>), tarballs,
/// <c>GET /-/npm/v1/keys</c> and <c>GET /-/npm/v1/attestations/name@version</c>, with versions signed by test keys
/// generated here (ECDSA P-256 over <c>name@version:integrity</c>, as npm signs). Tests can publish unsigned versions,
/// sign with an expired key, put a wrong signature in, or change the integrity after signing.
/// </summary>
public sealed class StandInRegistry : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, PublishedVersion>> _packages = new(StringComparer.Ordinal);
    private readonly List<SigningKey> _keys = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private readonly Task _loop;

    private StandInRegistry()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The registry's URL (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri Url { get; }

    /// <summary>The requests served so far, as <c>GET /path</c> lines.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>The <c>Authorization</c> header of every request that had one, in order.</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    /// <summary>When true, <c>/-/npm/v1/keys</c> answers 404 (a registry that signs nothing).</summary>
    public bool NoKeysEndpoint { get; set; }

    /// <summary>When true, every request is answered 503.</summary>
    public bool Down { get; set; }

    /// <summary>The keys <c>/-/npm/v1/keys</c> lists.</summary>
    public IReadOnlyList<SigningKey> Keys
    {
        get
        {
            lock (_keys)
            {
                return [.. _keys];
            }
        }
    }

    /// <summary>Makes <paramref name="path"/> (<c>/name</c>) answer 302 to <paramref name="location"/>.</summary>
    public void Redirect(string path, string location) => _redirects[path] = location;

    /// <summary>Starts a registry on a free loopback port.</summary>
    public static StandInRegistry Start() => new();

    /// <summary>Makes a new signing key (ECDSA P-256) and lists it in the keys endpoint; <paramref name="expires"/> as npm's <c>expires</c>.</summary>
    public SigningKey AddKey(DateTimeOffset? expires = null, bool listed = true)
    {
        var key = new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), expires);
        if (listed)
        {
            lock (_keys)
            {
                _keys.Add(key);
            }
        }

        return key;
    }

    /// <summary>
    /// Publishes <paramref name="name"/>@<paramref name="version"/>: its tarball (default: a few bytes naming it),
    /// its integrity (default: the tarball's sha512, or <paramref name="integrity"/> when given), signed with
    /// <paramref name="signWith"/> when given, published at <paramref name="publishedAt"/> (default: 2024-01-01).
    /// The returned record can be changed afterwards (signatures, integrity) to serve something tampered.
    /// </summary>
    public PublishedVersion AddPackage(string name, string version, byte[]? tarball = null, SigningKey? signWith = null,
        DateTimeOffset? publishedAt = null, string? integrity = null, byte[]? attestations = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        tarball ??= Encoding.UTF8.GetBytes($"stand-in tarball of {name}@{version}");
        integrity ??= "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
#pragma warning disable CA5350 // dist.shasum is SHA-1 in npm's packuments; it is served, not trusted.
        var published = new PublishedVersion(name, version, tarball, integrity, Convert.ToHexStringLower(SHA1.HashData(tarball)),
            publishedAt ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            Attestations = attestations,
        };
#pragma warning restore CA5350
        if (signWith is not null)
        {
            published.Signatures.Add(new(signWith.KeyId, signWith.Sign(name, version, integrity)));
        }

        _packages.GetOrAdd(name, _ => new(StringComparer.Ordinal))[version] = published;
        return published;
    }

    /// <summary>The URL the registry serves a tarball at: <c>/name/-/basename-version.tgz</c>.</summary>
    public Uri TarballUrl(string name, string version) => new(Url, name + "/-/" + name[(name.LastIndexOf('/') + 1)..] + "-" + version + ".tgz");

    /// <summary>The keys document (<c>{"keys": [...]}</c>), as served; also what <c>--keys</c> reads.</summary>
    public string KeysDocument()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("keys");
            foreach (var key in Keys)
            {
                w.WriteStartObject();
                if (key.Expires is { } expires)
                {
                    w.WriteString("expires", Iso(expires));
                }
                else
                {
                    w.WriteNull("expires");
                }

                w.WriteString("keyid", key.KeyId);
                w.WriteString("keytype", "ecdsa-sha2-nistp256");
                w.WriteString("scheme", "ecdsa-sha2-nistp256");
                w.WriteString("key", key.PublicKey);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The packument of <paramref name="name"/>: full (with <c>time</c>) or abbreviated (npm's install document).</summary>
    public string? Packument(string name, bool abbreviated)
    {
        if (!_packages.TryGetValue(name, out var versions))
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            var all = versions.Values.OrderBy(v => v.PublishedAt).ToList();
            w.WriteStartObject();
            w.WriteString("name", name);
            if (abbreviated)
            {
                w.WriteString("modified", Iso(all.Max(v => v.PublishedAt)));
            }

            w.WriteStartObject("dist-tags");
            w.WriteString("latest", all[^1].Version);
            w.WriteEndObject();
            w.WriteStartObject("versions");
            foreach (var v in all)
            {
                w.WriteStartObject(v.Version);
                w.WriteString("name", name);
                w.WriteString("version", v.Version);
                if (!abbreviated)
                {
                    w.WriteString("_id", name + "@" + v.Version);
                    w.WriteString("description", "a stand-in package");
                }

                w.WriteStartObject("dist");
                w.WriteString("integrity", v.Integrity);
                w.WriteString("shasum", v.Shasum);
                w.WriteString("tarball", TarballUrl(name, v.Version).AbsoluteUri);
                if (v.Signatures.Count > 0)
                {
                    w.WriteStartArray("signatures");
                    foreach (var (keyId, sig) in v.Signatures)
                    {
                        w.WriteStartObject();
                        w.WriteString("keyid", keyId);
                        w.WriteString("sig", sig);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                if (v.Attestations is not null)
                {
                    w.WriteStartObject("attestations");
                    w.WriteString("url", new Uri(Url, "-/npm/v1/attestations/" + name + "@" + v.Version).AbsoluteUri);
                    w.WriteStartObject("provenance");
                    w.WriteString("predicateType", "https://slsa.dev/provenance/v1");
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (!abbreviated)
            {
                w.WriteStartObject("time");
                w.WriteString("created", Iso(all[0].PublishedAt));
                w.WriteString("modified", Iso(all.Max(v => v.PublishedAt)));
                foreach (var v in all)
                {
                    w.WriteString(v.Version, Iso(v.PublishedAt));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Stopped.
        }

        foreach (var key in Keys)
        {
            key.Dispose();
        }

        _stop.Dispose();
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
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
                var head = new List<byte>();
                var one = new byte[1];
                while (head.Count < 65536)
                {
                    if (await stream.ReadAsync(one, _stop.Token) == 0)
                    {
                        return;
                    }

                    head.Add(one[0]);
                    if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
                    {
                        break;
                    }
                }

                string[] lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
                string[] requestLine = lines[0].Split(' ');
                string accept = lines.FirstOrDefault(l => l.StartsWith("Accept:", StringComparison.OrdinalIgnoreCase))?[7..].Trim() ?? string.Empty;
                string path = requestLine.Length > 1 ? requestLine[1] : "/";
                _requests.Enqueue("GET " + path);
                if (lines.FirstOrDefault(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)) is { } authorization)
                {
                    _authorizations.Enqueue(authorization["Authorization:".Length..].Trim());
                }

                var (status, type, body) = Down ? (503, "text/plain", "down"u8.ToArray())
                    : _redirects.ContainsKey(path) ? (302, "text/plain", Array.Empty<byte>())
                    : Answer(Uri.UnescapeDataString(path), accept);
                string reason = status switch { 200 => "OK", 302 => "Found", 404 => "Not Found", _ => "Error" };
                string location = status == 302 ? $"Location: {_redirects[path]}\r\n" : string.Empty;
                byte[] header = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\n{location}Connection: close\r\n\r\n");
                await stream.WriteAsync(header, _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    private (int Status, string Type, byte[] Body) Answer(string path, string accept)
    {
        if (path == "/-/npm/v1/keys")
        {
            return NoKeysEndpoint ? NotFound() : (200, "application/json", Encoding.UTF8.GetBytes(KeysDocument()));
        }

        const string attestations = "/-/npm/v1/attestations/";
        if (path.StartsWith(attestations, StringComparison.Ordinal))
        {
            string spec = path[attestations.Length..];
            int at = spec.LastIndexOf('@');
            return at > 0 && _packages.TryGetValue(spec[..at], out var vs) && vs.TryGetValue(spec[(at + 1)..], out var v) && v.Attestations is { } bytes
                ? (200, "application/json", bytes)
                : NotFound();
        }

        int dash = path.IndexOf("/-/", StringComparison.Ordinal);
        if (dash > 0 && path.EndsWith(".tgz", StringComparison.Ordinal))
        {
            string name = path[1..dash];
            if (_packages.TryGetValue(name, out var versions))
            {
                string file = path[(dash + 3)..^4];
                foreach (var v in versions.Values)
                {
                    if (file == name[(name.LastIndexOf('/') + 1)..] + "-" + v.Version)
                    {
                        return (200, "application/octet-stream", v.Tarball);
                    }
                }
            }

            return NotFound();
        }

        bool abbreviated = accept.Contains("application/vnd.npm.install-v1+json", StringComparison.Ordinal);
        return Packument(path.TrimStart('/'), abbreviated) is { } packument
            ? (200, abbreviated ? "application/vnd.npm.install-v1+json" : "application/json", Encoding.UTF8.GetBytes(packument))
            : NotFound();
    }

    private static (int, string, byte[]) NotFound() => (404, "application/json", "{\"error\":\"Not found\"}"u8.ToArray());
}

/// <summary>A test signing key of the stand-in registry (ECDSA P-256; never a real one).</summary>
public sealed class SigningKey : IDisposable
{
    internal SigningKey(ECDsa key, DateTimeOffset? expires)
    {
        Key = key;
        Expires = expires;
        byte[] spki = key.ExportSubjectPublicKeyInfo();
        PublicKey = Convert.ToBase64String(spki);
        KeyId = "SHA256:" + Convert.ToBase64String(SHA256.HashData(spki)).TrimEnd('=');
    }

    /// <summary>The key pair.</summary>
    public ECDsa Key { get; }

    /// <summary>npm's key id: <c>SHA256:</c> and the unpadded base64 SHA-256 of the public key's DER.</summary>
    public string KeyId { get; }

    /// <summary>The public key, base64 of its DER SubjectPublicKeyInfo.</summary>
    public string PublicKey { get; }

    /// <summary>When the key expires, or null.</summary>
    public DateTimeOffset? Expires { get; }

    /// <summary>npm's signature of a version: base64 DER ECDSA over SHA-256 of <c>name@version:integrity</c>.</summary>
    public string Sign(string name, string version, string integrity) =>
        Convert.ToBase64String(Key.SignData(Encoding.UTF8.GetBytes($"{name}@{version}:{integrity}"), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Disposes the key pair.</summary>
    public void Dispose() => Key.Dispose();
}

/// <summary>One version the stand-in registry serves; change it to serve something tampered.</summary>
public sealed record PublishedVersion(string Name, string Version, byte[] Tarball, string Integrity, string Shasum, DateTimeOffset PublishedAt)
{
    /// <summary>The integrity the packument shows (change it after signing to tamper).</summary>
    public string Integrity { get; set; } = Integrity;

    /// <summary><c>dist.signatures</c>: key id and base64 signature.</summary>
    public List<(string KeyId, string Sig)> Signatures { get; } = [];

    /// <summary>The attestations document served, when any.</summary>
    public byte[]? Attestations { get; set; }
}
