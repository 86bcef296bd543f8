using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>A request body that could not be read, and the status that says why.</summary>
internal sealed class AuditRequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Reads an audit request's body, plain or gzip (npm and yarn classic send gzip, pnpm and yarn 4 plain JSON), within
/// the size caps: the body as sent, and the body once decompressed, so that a small gzip bomb is cut off at the cap.
/// </summary>
internal static class AuditRequestBody
{
    public static async Task<byte[]> ReadAsync(HttpContext http, NpmAuditOptions options)
    {
        var request = http.Request;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The server's general cap suits forms; an audit tree is bigger. This endpoint's own cap applies instead.
            size.MaxRequestBodySize = options.MaxBodyBytes;
        }

        if (request.ContentLength > options.MaxBodyBytes)
        {
            throw TooLarge(options.MaxBodyBytes, "sent");
        }

        string encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip" or "x-gzip"))
        {
            throw new AuditRequestException(StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{encoding}' is not supported: send plain JSON or gzip.");
        }

        byte[] sent;
        try
        {
            sent = await ReadCappedAsync(request.Body, options.MaxBodyBytes, "sent", http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(options.MaxBodyBytes, "sent");
        }

        // A gzip body is known by its header, or by its first bytes when a client leaves the header out.
        bool gzip = encoding is "gzip" or "x-gzip" || (sent.Length >= 2 && sent[0] == 0x1f && sent[1] == 0x8b);
        if (!gzip)
        {
            return sent;
        }

        try
        {
            using var unzip = new GZipStream(new MemoryStream(sent, writable: false), CompressionMode.Decompress);
            return await ReadCappedAsync(unzip, options.MaxDecompressedBytes, "decompressed", http.RequestAborted);
        }
        catch (InvalidDataException e)
        {
            throw new AuditRequestException(StatusCodes.Status400BadRequest, $"The body is not valid gzip: {e.Message}");
        }
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, long cap, string what, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw TooLarge(cap, what);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static AuditRequestException TooLarge(long cap, string what) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {cap} bytes {what}.");
}
