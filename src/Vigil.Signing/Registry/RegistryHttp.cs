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

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    if (next.Scheme != Uri.UriSchemeHttps && !(next.Scheme == Uri.UriSchemeHttp && next.IsLoopback))
                    {
                        return new Answer(response.StatusCode, null, $"{Describe(current)} redirects to a {next.Scheme} URL that is neither https nor loopback; not followed");
                    }

                    current = next;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return new Answer(response.StatusCode, null, $"{Describe(current)} answered {status}");
                }

                if (response.Content.Headers.ContentLength is long length && length > maxBytes)
                {
                    return new Answer(HttpStatusCode.InsufficientStorage, null, $"{Describe(current)} is larger than {Size(maxBytes)}; not read");
                }

                await using var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(chunk, limit.Token).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > maxBytes)
                    {
                        return new Answer(HttpStatusCode.InsufficientStorage, null, $"{Describe(current)} is larger than {Size(maxBytes)}; not read");
                    }
                }

                return new Answer(HttpStatusCode.OK, buffer.ToArray(), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new Answer(HttpStatusCode.RequestTimeout, null, $"{Describe(current)} did not answer within {timeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException e)
            {
                return new Answer(0, null, $"{Describe(current)} could not be reached ({e.HttpRequestError})");
            }
            catch (IOException)
            {
                return new Answer(0, null, $"{Describe(current)}: the connection broke");
            }
        }

        return new Answer(0, null, $"{Describe(url)} redirects more than {MaxRedirects} times; not followed");
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024 / 1024} MB" : $"{bytes} bytes";

    /// <summary>A URL for a reason: scheme, host and path, never user information or a query.</summary>
    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? url.Scheme + "://" + url.Authority + url.AbsolutePath : "(a relative URL)";
    }
}
