using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Signing.Registry;

/// <summary>
/// GET requests to a registry: a time-out per request, a cap on the body, redirects followed by hand (at most 5, and
/// only to https or a loopback address), and a bearer token sent only to the host and path it is configured for —
/// looked up again for every URL of a redirect, so a token never travels to another host. Tokens are never logged
/// nor put in a reason.
/// </summary>
public sealed class RegistryHttp(HttpClient http, Func<Uri, string?> tokenFor, TimeSpan timeout)
{
    /// <summary>The most redirects followed.</summary>
    public const int MaxRedirects = 5;

    /// <summary>An answer: the status, the body when 200, and why not otherwise.</summary>
    public sealed record Answer(HttpStatusCode Status, byte[]? Body, string? Reason);

    /// <summary>A handler for <see cref="HttpClient"/> that follows no redirect itself and decompresses gzip.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        ConnectTimeout = TimeSpan.FromSeconds(15),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        UseCookies = false,
    };

    /// <summary>GETs <paramref name="url"/> and reads at most <paramref name="maxBytes"/> of its body.</summary>
    public async Task<Answer> GetAsync(Uri url, string accept, long maxBytes, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(url, accept, maxBytes, cancellationToken).ConfigureAwait(false);
        if (sent.Failure is { } failure)
        {
            return failure;
        }

        using var response = sent.Response!;
        using var limit = sent.Limit!;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, limit.Token).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes)
                {
                    return TooLarge(sent.Url, maxBytes);
                }
            }

            return new Answer(HttpStatusCode.OK, buffer.ToArray(), null);
        }
        catch (Exception e) when (Failed(e, sent.Url, cancellationToken) is { } answer)
        {
            return answer;
        }
    }

    /// <summary>
    /// GETs <paramref name="url"/> and hands its body over as a stream, read as it arrives (a tarball is never held
    /// whole). The stream fails with an <see cref="IOException"/> when the body passes <paramref name="maxBytes"/>,
    /// the connection breaks or the time-out passes; the caller disposes it.
    /// </summary>
    public async Task<Opened> OpenAsync(Uri url, string accept, long maxBytes, CancellationToken cancellationToken)
    {
        var sent = await SendAsync(url, accept, maxBytes, cancellationToken).ConfigureAwait(false);
        if (sent.Failure is { } failure)
        {
            return new Opened(failure.Status, null, failure.Reason);
        }

        try
        {
            var body = await sent.Response!.Content.ReadAsStreamAsync(sent.Limit!.Token).ConfigureAwait(false);
            return new Opened(HttpStatusCode.OK, new ResponseBodyStream(body, sent.Response, sent.Limit, maxBytes, Describe(sent.Url), timeout), null);
        }
        catch (Exception e) when (Failed(e, sent.Url, cancellationToken) is { } answer)
        {
            sent.Response!.Dispose();
            sent.Limit!.Dispose();
            return new Opened(answer.Status, null, answer.Reason);
        }
    }

    /// <summary>A body being read: the status, the stream when 200, and why not otherwise.</summary>
    public sealed record Opened(HttpStatusCode Status, Stream? Body, string? Reason);

    // The response to a GET after redirects, with its time-out still running, or why there is none. The caller owns
    // (and disposes) the response and the time-out.
    private sealed record Sent(HttpResponseMessage? Response, CancellationTokenSource? Limit, Uri Url, Answer? Failure);

    private async Task<Sent> SendAsync(Uri url, string accept, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        for (int hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.ParseAdd(accept);
            if (tokenFor(current) is { Length: > 0 } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                Answer? refused = null;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && next.IsLoopback))
                    {
                        refused = new Answer(response.StatusCode, null, $"{Describe(current)} redirects to a {next.Scheme} URL that is neither https nor loopback; not followed");
                    }
                    else
                    {
                        current = next;
                        response.Dispose();
                        limit.Dispose();
                        continue;
                    }
                }
                else if (response.StatusCode != HttpStatusCode.OK)
                {
                    refused = new Answer(response.StatusCode, null, $"{Describe(current)} answered {status}");
                }
                else if (response.Content.Headers.ContentLength is long length && length > maxBytes)
                {
                    refused = TooLarge(current, maxBytes);
                }

                if (refused is not null)
                {
                    response.Dispose();
                    limit.Dispose();
                    return new Sent(null, null, current, refused);
                }

                return new Sent(response, limit, current, null);
            }
            catch (Exception e) when (Failed(e, current, cancellationToken) is { } answer)
            {
                response?.Dispose();
                limit.Dispose();
                return new Sent(null, null, current, answer);
            }
        }

        return new Sent(null, null, url, new Answer(0, null, $"{Describe(url)} redirects more than {MaxRedirects} times; not followed"));
    }

    // What a failed request or read is, for a reason; null for what is not the network's doing (the caller's cancellation).
    private Answer? Failed(Exception e, Uri url, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new Answer(HttpStatusCode.RequestTimeout, null, $"{Describe(url)} did not answer within {timeout.TotalSeconds:0} s"),
        HttpRequestException http => new Answer(0, null, $"{Describe(url)} could not be reached ({http.HttpRequestError})"),
        IOException => new Answer(0, null, $"{Describe(url)}: the connection broke"),
        _ => null,
    };

    private static Answer TooLarge(Uri url, long maxBytes) =>
        new(HttpStatusCode.InsufficientStorage, null, $"{Describe(url)} is larger than {Size(maxBytes)}; not read");

    internal static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes} bytes";

    /// <summary>A URL for a reason: scheme, host and path, never user information or a query.</summary>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.Scheme + "://" + url.Authority + url.AbsolutePath : "(a relative URL)";
    }
}
