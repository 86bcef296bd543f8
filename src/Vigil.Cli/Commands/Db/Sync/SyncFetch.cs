using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Vigil.Cli.Commands.Db.Sync;

/// <summary>A response body, as received and checked, and the entity tag that validates it.</summary>
/// <param name="Content">The body (decompressed when it was sent gzip-compressed); null when the server said 304.</param>
/// <param name="ETag">The entity tag, when the server sent one.</param>
sealed record Fetched(byte[]? Content, string? ETag);

/// <summary>
/// Downloads for <c>vigil db sync</c>: bounded in size and time, the body checked against the server's
/// <c>Repr-Digest</c> (RFC 9530) when it sends one, gzip accepted and inflated (bounded too). Every failure is a
/// <see cref="SyncException"/> naming the address.
/// </summary>
sealed class SyncFetch : IDisposable
{
    private readonly HttpClient _client;

    public SyncFetch(TimeSpan timeout)
    {
        // No automatic decompression: the digest is of the bytes as sent.
        _client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = true, MaxAutomaticRedirections = 5 })
        {
            Timeout = timeout,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("vigil", Cli.Version));
    }

    /// <summary>
    /// GETs <paramref name="url"/>: its body (at most <paramref name="limit"/> bytes, inflated), or no body when
    /// <paramref name="ifNoneMatch"/> still holds (304).
    /// </summary>
    public Fetched Get(Uri url, long limit, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        if (ifNoneMatch is not null && EntityTagHeaderValue.TryParse(ifNoneMatch, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        HttpResponseMessage response;
        try
        {
            response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException e)
        {
            throw new SyncException($"cannot reach {url}: {e.Message}");
        }
        catch (TaskCanceledException)
        {
            throw new SyncException($"cannot reach {url}: no answer within {_client.Timeout.TotalSeconds:0} seconds");
        }

        using (response)
        {
            string? etag = response.Headers.ETag?.ToString();
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Fetched(null, etag ?? ifNoneMatch);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SyncException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            byte[] body = Read(response, url, limit);
            if (response.Headers.TryGetValues("Repr-Digest", out var digests) && Sha256(digests) is { } expected
                && !CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(body)))
            {
                throw new SyncException($"{url}: the body does not match the server's Repr-Digest (damaged in transit?)");
            }

            if (response.Content.Headers.ContentEncoding.Any(e => e.Equals("gzip", StringComparison.OrdinalIgnoreCase)))
            {
                body = Inflate(body, url, limit);
            }

            return new Fetched(body, etag);
        }
    }

    private static byte[] Read(HttpResponseMessage response, Uri url, long limit)
    {
        if (response.Content.Headers.ContentLength > limit)
        {
            throw new SyncException($"{url} is {response.Content.Headers.ContentLength} bytes; at most {limit} are read");
        }

        try
        {
            using var stream = response.Content.ReadAsStream();
            return Bounded(stream, url, limit);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or TaskCanceledException)
        {
            throw new SyncException($"{url}: the download broke off: {e.Message}");
        }
    }

    private static byte[] Inflate(byte[] body, Uri url, long limit)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            return Bounded(gzip, url, limit);
        }
        catch (InvalidDataException e)
        {
            throw new SyncException($"{url}: the gzip-compressed body is damaged: {e.Message}");
        }
    }

    private static byte[] Bounded(Stream stream, Uri url, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new SyncException($"{url} is larger than {limit} bytes; the rest is not read");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The SHA-256 of a <c>Repr-Digest</c> header (<c>sha-256=:base64:</c>), or null when it names no SHA-256.</summary>
    private static byte[]? Sha256(IEnumerable<string> values)
    {
        foreach (string member in values.SelectMany(v => v.Split(',')).Select(m => m.Trim()))
        {
            if (member.StartsWith("sha-256=:", StringComparison.OrdinalIgnoreCase) && member.EndsWith(':') && member.Length > 10)
            {
                try
                {
                    return Convert.FromBase64String(member["sha-256=:".Length..^1]);
                }
                catch (FormatException)
                {
                    throw new SyncException($"the server's Repr-Digest is not base64: {member}");
                }
            }
        }

        return null;
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>A source that cannot be synced from: unreachable, damaged, or holding a bad record. Nothing was written.</summary>
sealed class SyncException(string message) : Exception(message);
