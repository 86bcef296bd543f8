using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Vigil.Web.Features.Snapshots;

/// <summary>
/// One download of a snapshot: a file on disk (the zips) or bytes in memory (indexes, records), with its strong
/// entity tag and its SHA-256 (sent as <c>Repr-Digest</c>, RFC 9530, so that a client can check what it received).
/// Text is also kept gzip-compressed, as its own representation (own tag and digest), for clients that accept it.
/// </summary>
internal sealed class SnapshotFile
{
    private const int CompressFrom = 1024;

    private SnapshotFile(string contentType, string? path, byte[]? bytes, byte[] sha256, byte[]? gzip, string? downloadName)
    {
        ContentType = contentType;
        Path = path;
        Bytes = bytes;
        Sha256 = sha256;
        Gzip = gzip;
        GzipSha256 = gzip is null ? null : SHA256.HashData(gzip);
        DownloadName = downloadName;
    }

    public string ContentType { get; }

    /// <summary>The file, for downloads kept on disk.</summary>
    public string? Path { get; }

    /// <summary>The content, for downloads kept in memory.</summary>
    public byte[]? Bytes { get; }

    /// <summary>The SHA-256 of the content (identity encoding).</summary>
    public byte[] Sha256 { get; }

    private byte[]? Gzip { get; }

    private byte[]? GzipSha256 { get; }

    private string? DownloadName { get; }

    /// <summary>A file on disk (already compressed, as zips are): sent with range support, never re-compressed.</summary>
    public static SnapshotFile OnDisk(string path, string contentType, string downloadName)
    {
        using var stream = File.OpenRead(path);
        return new SnapshotFile(contentType, path, null, SHA256.HashData(stream), null, downloadName);
    }

    /// <summary>Text in memory, also kept gzip-compressed when it is large enough to gain from it.</summary>
    public static SnapshotFile InMemory(byte[] content, string contentType)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new SnapshotFile(contentType, null, content, SHA256.HashData(content), content.Length >= CompressFrom ? Compress(content) : null, null);
    }

    /// <summary>The response: 304 when the client's tag or date still holds, else the content (gzip when accepted).</summary>
    public IResult Send(HttpContext http, DateTimeOffset lastModified)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "public, no-cache";
        headers.Pragma = default;
        bool gzip = Gzip is not null && AcceptsGzip(http.Request);
        if (Gzip is not null)
        {
            headers.Vary = "Accept-Encoding";
        }

        var digest = gzip ? GzipSha256! : Sha256;
        headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(digest)}:";
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(digest.AsSpan(0, 16))}\"");
        if (Path is not null)
        {
            return Results.File(Path, ContentType, DownloadName, lastModified, tag, enableRangeProcessing: true);
        }

        if (gzip)
        {
            headers.ContentEncoding = "gzip";
            return Results.Bytes(Gzip!, ContentType, null, enableRangeProcessing: false, lastModified, tag);
        }

        return Results.Bytes(Bytes!, ContentType, null, enableRangeProcessing: false, lastModified, tag);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings)
        && codings.Any(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (c.Quality ?? 1) > 0);

    private static byte[] Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}
