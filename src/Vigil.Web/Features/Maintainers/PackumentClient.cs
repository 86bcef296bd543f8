using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Vigil.Domain.Npm;

namespace Vigil.Web.Features.Maintainers;

/// <summary>What a look-up found: the maintainers, or why there are none to show; and the npmrc lines ignored.</summary>
public sealed record MaintainerLookup(Uri Url, IReadOnlyList<NpmMaintainer> Maintainers, string? Error, IReadOnlyList<NpmrcProblem> ConfigProblems)
{
    /// <summary>A short word for the audit log: the count, or the kind of failure.</summary>
    public string Outcome { get; init; } = "ok";
}

/// <summary>The limits of a look-up: <c>Vigil:Maintainers:MaxPackumentMegabytes</c> and <c>Vigil:Maintainers:TimeoutSeconds</c>.</summary>
public sealed record PackumentLimits(long MaxBytes, TimeSpan Timeout);

/// <summary>
/// Fetches a package's full packument from the registry npm would use (<see cref="NpmConfig"/>) and reads its
/// <c>maintainers</c>. The abbreviated packument (<c>application/vnd.npm.install-v1+json</c>) has no maintainers, so
/// the full one is asked for; it is read as a stream with a byte limit and a time-out. A token from npmrc goes only
/// to its own host and path, and redirects are not followed (a token never travels on). Every failure becomes a
/// message for the triager.
/// </summary>
public sealed partial class PackumentClient(HttpClient http, IConfiguration configuration, PackumentLimits limits)
{
    /// <summary>The npm settings as they are now (the files are read on each look-up: an edit needs no restart).</summary>
    public NpmConfig Config() => NpmConfig.Load(new NpmConfigSources
    {
        Registry = configuration["Vigil:NpmRegistry"],
        UserConfig = configuration["Vigil:NpmUserConfig"],
        Environment = NpmConfigSources.ProcessEnvironment(),
    });

    /// <summary>Looks up the maintainers of <paramref name="packageName"/> (a name the report form validated).</summary>
    public async Task<MaintainerLookup> LookupAsync(string packageName, CancellationToken cancellationToken)
    {
        var config = Config();
        var url = config.PackumentUrl(packageName);
        string registry = url.GetLeftPart(UriPartial.Authority);
        MaintainerLookup Failed(string kind, string message) => new(url, [], message, config.Problems) { Outcome = kind };

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (config.TokenFor(url) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limits.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Failed("not-found", $"The registry {registry} has no package named {packageName}.");
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return Failed("refused", $"The registry {registry} refused the request ({(int)response.StatusCode}): check the token for it in the server's npmrc.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Failed("status", $"The registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > limits.MaxBytes)
            {
                return Failed("too-large", TooLarge(registry));
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var maintainers = await PackumentReader.ReadMaintainersAsync(body, limits.MaxBytes, timeout.Token);
            return new MaintainerLookup(url, maintainers, null, config.Problems) { Outcome = maintainers.Count + " maintainers" };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed("timeout", $"The registry {registry} did not answer within {limits.Timeout.TotalSeconds:0} seconds.");
        }
        catch (PackumentTooLargeException)
        {
            return Failed("too-large", TooLarge(registry));
        }
        catch (JsonException e)
        {
            string where = e.BytePositionInLine is { } position ? $" (line {e.LineNumber + 1}, byte {position})" : string.Empty;
            return Failed("bad-json", $"The registry {registry} answered with something that is not a packument{where}.");
        }
        catch (HttpRequestException e)
        {
            return Failed("unreachable", $"The registry {registry} could not be reached ({e.HttpRequestError}).");
        }
        catch (IOException)
        {
            return Failed("unreachable", $"The connection to the registry {registry} broke off.");
        }
    }

    private string TooLarge(string registry) =>
        $"The packument from {registry} is larger than {limits.MaxBytes / (1024 * 1024)} MB, the limit (Vigil:Maintainers:MaxPackumentMegabytes); enter the maintainer's address by hand.";
}
