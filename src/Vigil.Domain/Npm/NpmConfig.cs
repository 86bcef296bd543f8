using System.Collections;

namespace Vigil.Domain.Npm;

/// <summary>Where the npm settings come from: the server's own setting, the environment, the files' locations.</summary>
public sealed record NpmConfigSources
{
    /// <summary>The server's configured registry (<c>Vigil:NpmRegistry</c>): wins over everything, like npm's <c>--registry</c>.</summary>
    public string? Registry { get; init; }

    /// <summary>The user npmrc to read instead of <c>$HOME/.npmrc</c> (<c>Vigil:NpmUserConfig</c>, like npm's <c>--userconfig</c>).</summary>
    public string? UserConfig { get; init; }

    /// <summary>
    /// The project folder whose <c>.npmrc</c> npm reads between the environment and the user npmrc (npm's project
    /// config, <c>$localPrefix/.npmrc</c>); null for no project (a server is none).
    /// </summary>
    public string? ProjectFolder { get; init; }

    /// <summary>The process environment (<c>HOME</c>, <c>PATH</c>, <c>npm_config_*</c>, and the <c>${NAME}</c> values).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>This process's environment.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                all[key] = value;
            }
        }

        return all;
    }
}

/// <summary>
/// The registry settings as npm would resolve them, highest first: the given setting (the server's, or
/// <c>--registry</c>), <c>npm_config_*</c> environment variables, the project npmrc (<c>.npmrc</c> in
/// <see cref="NpmConfigSources.ProjectFolder"/>, when given and not the user npmrc itself), the user npmrc (<c>$HOME/.npmrc</c>, or <c>npm_config_userconfig</c>), the global npmrc
/// (<c>npm_config_globalconfig</c>, else <c>etc/npmrc</c> under <c>npm_config_prefix</c>, <c>PREFIX</c>, or the
/// prefix of the <c>node</c> found on <c>PATH</c>), then npm's documented default registry. Scoped registries (<c>@scope:registry</c>) apply to their scope's packages
/// whatever the server's setting, as they do for <c>npm --registry</c>. Tokens (<c>//host/path/:_authToken</c>) are
/// handed only to requests under that host and path, and never appear in <see cref="object.ToString"/> or problems.
/// </summary>
public sealed class NpmConfig
{
    /// <summary>npm's documented default for the <c>registry</c> setting.</summary>
    public const string DefaultRegistry = "https://registry.npmjs.org/";

    private const string EnvironmentPrefix = "npm_config_";

    private readonly Dictionary<string, string> _values;

    private NpmConfig(Dictionary<string, string> values, Uri registry, IReadOnlyList<NpmrcProblem> problems)
    {
        _values = values;
        Registry = registry;
        Problems = problems;
    }

    /// <summary>The default registry, with a trailing slash.</summary>
    public Uri Registry { get; }

    /// <summary>Lines and settings that were ignored, for the operator (never their values).</summary>
    public IReadOnlyList<NpmrcProblem> Problems { get; }

    /// <summary>Resolves the settings from <paramref name="sources"/>; reads at most three small files.</summary>
    public static NpmConfig Load(NpmConfigSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var environment = sources.Environment;
        string? Env(string name) => environment.TryGetValue(name, out string? value) ? value : null;
        var problems = new List<NpmrcProblem>();

        // npm_config_* variables: the name after the prefix, lower-cased, inner underscores as dashes.
        var fromEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (name.Length > EnvironmentPrefix.Length && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                string rest = name[EnvironmentPrefix.Length..];
                string key = (rest[..1] + rest[1..].Replace('_', '-')).ToLowerInvariant();
                if (Npmrc.TryReplaceEnvironment(value, Env, out string replaced, out string? missing))
                {
                    fromEnvironment[key] = replaced;
                }
                else
                {
                    problems.Add(new NpmrcProblem("environment " + name, 0, $"the environment variable {missing} is not set; ignored"));
                }
            }
        }

        string? home = Env("HOME") ?? Env("USERPROFILE");
        string? userPath = sources.UserConfig is { Length: > 0 } configured ? configured
            : fromEnvironment.TryGetValue("userconfig", out string? fromEnv) ? fromEnv
            : home is { Length: > 0 } ? Path.Combine(home, ".npmrc") : null;
        var user = userPath is null ? NpmrcFile.Empty : Npmrc.Read(userPath, Env);

        string? globalPath = fromEnvironment.TryGetValue("globalconfig", out string? globalConfig) ? globalConfig
            : GlobalPrefix(fromEnvironment, Env) is { } prefix ? Path.Combine(prefix, "etc", "npmrc") : null;
        var global = globalPath is null ? NpmrcFile.Empty : Npmrc.Read(globalPath, Env);
        var project = NpmrcFile.Empty;
        if (sources.ProjectFolder is { Length: > 0 } projectFolder)
        {
            string projectPath = Path.Combine(projectFolder, ".npmrc");
            if (userPath is null || !SameFile(projectPath, userPath))
            {
                project = Npmrc.Read(projectPath, Env);
            }
        }

        problems.AddRange(global.Problems);
        problems.AddRange(user.Problems);
        problems.AddRange(project.Problems);

        // Lowest first, each layer over the one before.
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["registry"] = DefaultRegistry };
        foreach (var layer in new[] { global.Values, user.Values, project.Values, fromEnvironment })
        {
            foreach (var (key, value) in layer)
            {
                values[key] = value;
            }
        }

        if (sources.Registry is { Length: > 0 } server)
        {
            values["registry"] = server;
        }

        if (!TryRegistryUri(values["registry"], out var registry))
        {
            problems.Add(new NpmrcProblem("registry", 0, "is not an http(s) URL; npm's default is used"));
            registry = new Uri(DefaultRegistry);
        }

        return new NpmConfig(values, registry, problems);
    }

    /// <summary>The valid <c>@scope:registry</c> settings, by scope with its <c>@</c>, in scope order.</summary>
    public IReadOnlyList<KeyValuePair<string, Uri>> ScopeRegistries
    {
        get
        {
            var scopes = new List<KeyValuePair<string, Uri>>();
            foreach (var (key, value) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (key.StartsWith('@') && key.EndsWith(":registry", StringComparison.Ordinal) && key.Length > "@:registry".Length
                    && TryRegistryUri(value, out var uri))
                {
                    scopes.Add(new(key[..^":registry".Length], uri));
                }
            }

            return scopes;
        }
    }

    /// <summary>The registry for a package: its scope's <c>@scope:registry</c> when set and valid, else <see cref="Registry"/>.</summary>
    public Uri RegistryFor(string packageName)
    {
        ArgumentNullException.ThrowIfNull(packageName);
        if (packageName.StartsWith('@') && packageName.IndexOf('/', StringComparison.Ordinal) is > 1 and int slash
            && _values.TryGetValue(packageName[..slash] + ":registry", out string? scoped) && TryRegistryUri(scoped, out var uri))
        {
            return uri;
        }

        return Registry;
    }

    /// <summary>The URL of a package's packument: the registry and the name escaped as npm does (<c>@scope%2fname</c>).</summary>
    public Uri PackumentUrl(string packageName) => new(RegistryFor(packageName), EscapeName(packageName));

    /// <summary>npm's escaped name: the scope's slash as <c>%2f</c>; every other character of a valid name is left alone.</summary>
    public static string EscapeName(string packageName)
    {
        ArgumentNullException.ThrowIfNull(packageName);
        return packageName.Replace("/", "%2f", StringComparison.Ordinal);
    }

    /// <summary>
    /// The bearer token to send with a request to <paramref name="url"/>: the <c>//host/path/:_authToken</c> whose
    /// host and port are the URL's and whose path is the URL's folder or one above it (npm walks up the same way).
    /// Null when none is set: nothing is sent.
    /// </summary>
    public string? TokenFor(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return null;
        }

        string path = url.AbsolutePath;
        string key = "//" + url.Authority + path[..(path.LastIndexOf('/') + 1)];
        while (key.Length > 2)
        {
            if (_values.TryGetValue(key + ":_authToken", out string? token) && token.Length > 0)
            {
                return token;
            }

            key = key.EndsWith('/') ? key[..^1] : key[..(key.LastIndexOf('/') + 1)];
        }

        return null;
    }

    /// <summary>
    /// The resolved value of any other setting (<c>vigil-platform</c>, <c>provenance</c>, …), as npm would resolve it
    /// through the same layers; null when no layer sets it. Not for tokens: they go through <see cref="TokenFor"/>.
    /// </summary>
    public string? Value(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith("_authToken", StringComparison.Ordinal) || key.EndsWith("_auth", StringComparison.Ordinal) || key.EndsWith("_password", StringComparison.Ordinal)
            ? null
            : _values.GetValueOrDefault(key);
    }

    /// <inheritdoc/>
    public override string ToString() => $"registry {Registry}";

    private static bool TryRegistryUri(string text, out Uri uri)
    {
        string withSlash = text.EndsWith('/') ? text : text + "/";
        if (Uri.TryCreate(withSlash, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https" && string.IsNullOrEmpty(parsed.Query)
            && string.IsNullOrEmpty(parsed.Fragment) && string.IsNullOrEmpty(parsed.UserInfo))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static bool SameFile(string a, string b)
    {
        try
        {
            return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    // npm's global prefix: the prefix setting, else PREFIX, else the folder above the one holding node.
    private static string? GlobalPrefix(Dictionary<string, string> fromEnvironment, Func<string, string?> env)
    {
        if (fromEnvironment.TryGetValue("prefix", out string? prefix) && prefix.Length > 0)
        {
            return prefix;
        }

        if (env("PREFIX") is { Length: > 0 } variable)
        {
            return variable;
        }

        foreach (string folder in (env("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var node = new FileInfo(Path.Combine(folder, "node"));
                if (!node.Exists)
                {
                    continue;
                }

                string real = node.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? node.FullName;
                return Path.GetDirectoryName(Path.GetDirectoryName(real));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                continue;
            }
        }

        return null;
    }
}
