using System.Net;
using Vigil.Audit.Reporting;
using Vigil.Domain.Npm;

namespace Vigil.Cli.Commands.Policy;

/// <summary>
/// The disclosure platform's address, never built in: <c>--platform</c>, else the environment variable
/// <c>VIGIL_PLATFORM</c>, else the npm setting <c>vigil-platform</c> as npm resolves its own settings
/// (<c>npm_config_vigil_platform</c>, the project's <c>.npmrc</c>, the user's, the global one).
/// </summary>
static class PlatformAddress
{
    /// <summary>The npm setting's key.</summary>
    public const string NpmKey = "vigil-platform";

    /// <summary>The environment variable.</summary>
    public const string EnvironmentVariable = "VIGIL_PLATFORM";

    /// <summary>The platform's base URL (no trailing slash) and where it came from.</summary>
    public static (string Url, string Source) Resolve(string? option, string projectFolder, TextWriter error)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return (Parse(option, "--platform"), "--platform");
        }

        var environment = NpmConfigSources.ProcessEnvironment();
        if (environment.TryGetValue(EnvironmentVariable, out string? fromEnvironment) && !string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (Parse(fromEnvironment, EnvironmentVariable), EnvironmentVariable);
        }

        var config = NpmConfig.Load(new NpmConfigSources { ProjectFolder = projectFolder, Environment = environment });
        foreach (var problem in config.Problems)
        {
            error.WriteLine("vigil: warning: npm settings: " + TerminalText.Clean(problem.ToString()));
        }

        if (config.Value(NpmKey) is { Length: > 0 } fromNpm)
        {
            return (Parse(fromNpm, $"the npm setting {NpmKey}"), $"the npm setting {NpmKey}");
        }

        throw new CliException(ExitCodes.Usage,
            $"no platform address: give --platform <url>, set {EnvironmentVariable}, or add {NpmKey}=<url> to your .npmrc");
    }

    /// <summary>An absolute https URL (http only to a loopback address), with no query or fragment; returned without a trailing slash.</summary>
    public static string Parse(string text, string what)
    {
        string trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo)
            || trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '(' or ')' or '[' or ']' or '`' or '"'))
        {
            throw new CliException(ExitCodes.Usage, $"{what}: '{TerminalText.Fit(text, 80)}' is not an http(s) URL of a platform (no query, fragment or user)");
        }

        if (url.Scheme == "http" && !IsLoopback(url))
        {
            throw new CliException(ExitCodes.Usage, $"{what}: '{TerminalText.Fit(text, 80)}' must use https (http only for a platform on this machine)");
        }

        return url.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
