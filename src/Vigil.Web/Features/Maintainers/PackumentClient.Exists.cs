using System.Net;
using System.Net.Http.Headers;

namespace Vigil.Web.Features.Maintainers;

/// <summary>What the registry said about a package name.</summary>
public enum PackageExistence
{
    /// <summary>The registry has a packument for the name.</summary>
    Found,

    /// <summary>The registry answered 404: there is no package of that name.</summary>
    Missing,

    /// <summary>The registry could not be asked or gave no clear answer (down, slow, refused, redirected, 5xx).</summary>
    Unknown,
}

/// <summary>The answer of <see cref="PackumentClient.CheckExistsAsync"/>: the registry asked and, when not found, why.</summary>
public sealed record PackageCheck(PackageExistence Existence, string Registry, string? Problem);

/// <summary>Whether a package exists on the registry npm would use for it.</summary>
public sealed partial class PackumentClient
{
    /// <summary>
    /// Asks the registry for <paramref name="packageName"/>'s packument (the abbreviated one, as npm install does; the
    /// body is not read) within <paramref name="timeout"/>. Only a 404 means the package does not exist; every other
    /// failure is <see cref="PackageExistence.Unknown"/> with the reason.
    /// </summary>
    public async Task<PackageCheck> CheckExistsAsync(string packageName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var config = Config();
        var url = config.PackumentUrl(packageName);
        string registry = config.RegistryFor(packageName).ToString();
        PackageCheck Unknown(string problem) => new(PackageExistence.Unknown, registry, problem);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.npm.install-v1+json", 1.0));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.8));
        if (config.TokenFor(url) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new PackageCheck(PackageExistence.Missing, registry, null);
            }

            return response.IsSuccessStatusCode
                ? new PackageCheck(PackageExistence.Found, registry, null)
                : Unknown($"the registry {registry} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unknown($"the registry {registry} did not answer within {timeout.TotalSeconds:0.#} seconds");
        }
        catch (HttpRequestException e)
        {
            return Unknown($"the registry {registry} could not be reached ({e.HttpRequestError})");
        }
        catch (IOException)
        {
            return Unknown($"the connection to the registry {registry} broke off");
        }
    }
}
