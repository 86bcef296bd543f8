using System.Collections.Immutable;
using System.CommandLine;
using Vigil.Audit.Reporting;
using Vigil.Cli.Commands.Audit;
using Vigil.Domain.Npm;
using Vigil.Signing.Registry;
using Vigil.Signing.Verification;

namespace Vigil.Cli.Commands.Verify;

/// <summary><c>vigil verify [path]</c>: what a lockfile installs, verified before install.</summary>
static class VerifyCommand
{
    private static readonly string[] CheckNames = ["policy", "signatures", "provenance", "tarballs", "authors"];

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A lockfile or a project folder (default: the current folder)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var registry = new Option<string?>("--registry") { Description = "The registry (default: as npm reads it from npm_config_registry and the project, user and global npmrc)", HelpName = "url" };
        var allowHost = new Option<string[]>("--allow-host") { Description = "A host resolved URLs may name (repeatable; default: the configured registries' hosts)", HelpName = "host", AllowMultipleArgumentsPerToken = false };
        var require = new Option<string[]>("--require") { Description = "A check that must verify every package, or the run fails (repeatable)", AllowMultipleArgumentsPerToken = false };
        require.AcceptOnlyFromAmong(CheckNames);
        var offline = new Option<bool>("--offline") { Description = "Use only the cache: no network access" };
        var cache = new Option<string?>("--cache") { Description = "The cache folder (default: $XDG_CACHE_HOME/vigil, else ~/.cache/vigil)", HelpName = "dir" };
        var keys = new Option<string?>("--keys") { Description = "The registry's keys from this file (the shape of GET /-/npm/v1/keys) instead of the registry", HelpName = "file" };
        var trustRoot = new Option<string?>("--trust-root") { Description = "The Sigstore trust root provenance is checked against", HelpName = "file" };
        var tarballs = new Option<bool>("--tarballs") { Description = "Download (or read from npm's cache) and check every tarball" };
        var keyring = new Option<string?>("--keyring") { Description = "The authors' keyring author signatures are checked against", HelpName = "file|url" };
        var keyringKey = new Option<string?>("--keyring-key") { Description = "The platform's public key the keyring must be signed by (PEM)", HelpName = "file" };
        var signatures = new Option<string?>("--signatures") { Description = "The folder of author signatures (name@version.sig, a scope's / as %2f)", HelpName = "dir" };
        var npmCache = new Option<string?>("--npm-cache") { Description = "npm's cache to read tarballs from before downloading (default: npm's, from npm_config_cache or ~/.npm)", HelpName = "dir" };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output", HelpName = "file" };
        var command = new Command("verify", """
            Verify what a lockfile installs, before installing it: the lockfile policy (sha512 integrity, https from an
            allowed host, the URL naming the entry's package and version), the registry's signatures (npm's scheme),
            and the checks asked for. Reads npm, yarn, pnpm and bun lockfiles. Every package ends verified, unsigned,
            invalid or not-verifiable, with the reason; dependencies not from a registry are listed as not-verifiable.
            Fetched registry data is cached; --offline uses only the cache.
            JSON (--format json): {"lockfile", "format", "formatVersion", "registry", "offline", "checks": [name],
            "required": [name], "failed", "summary": {"packages", "verified", "unsigned", "invalid", "notVerifiable",
            "checks": {name: {counts}}, "requiredNotVerified": {name: count}}, "packages": [{"name", "version",
            "aliasNames", "source", "resolved", "integrity", "verdict", "checks": [{"check", "outcome", "reason",
            "details": {}}]}], "warnings"}; outcomes are verified, unsigned, invalid, not-verifiable.
            Exit codes: 0 no package invalid and every --require'd check verified every package (unsigned and
            not-verifiable packages are counted in the summary but do not fail the run), 1 otherwise, 2 usage,
            3 unreadable input (lockfile, keys file), 6 no lockfile in the folder.
            """)
        {
            path, registry, allowHost, require, offline, cache, keys, trustRoot, tarballs, npmCache, keyring, keyringKey, signatures, format, output,
        };
        command.SetAction(parse =>
        {
            string[] required = parse.GetValue(require) ?? [];
            var arguments = new Arguments(
                parse.GetRequiredValue(path), parse.GetValue(registry), parse.GetValue(allowHost) ?? [], required, parse.GetValue(offline),
                parse.GetValue(cache), parse.GetValue(keys), parse.GetValue(trustRoot), parse.GetValue(tarballs) || required.Contains("tarballs"),
                parse.GetValue(npmCache), parse.GetValue(keyring), parse.GetValue(keyringKey), parse.GetValue(signatures),
                parse.GetRequiredValue(format), parse.GetValue(output));
            return Task.Run(() => RunAsync(parse, arguments)).GetAwaiter().GetResult();
        });
        return command;
    }

    private sealed record Arguments(
        string Path, string? Registry, string[] AllowHosts, string[] Required, bool Offline, string? Cache, string? Keys,
        string? TrustRoot, bool Tarballs, string? NpmCache, string? Keyring, string? KeyringKey, string? Signatures, string Format, string? Output);

    private static async Task<int> RunAsync(ParseResult parse, Arguments arguments)
    {
        var error = parse.InvocationConfiguration.Error;
        foreach (string name in arguments.Required)
        {
            if (PackageChecks.Find(name) is null)
            {
                throw new CliException(ExitCodes.Usage, $"--require {name}: this build of vigil has no '{name}' check");
            }
        }

        if (arguments.Keys is { } keysFile && !File.Exists(keysFile))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"--keys: no such file: {keysFile}");
        }

        if (arguments.Registry is { } given && !(Uri.TryCreate(given, UriKind.Absolute, out var givenUri) && givenUri.Scheme is "http" or "https"))
        {
            throw new CliException(ExitCodes.Usage, $"--registry: '{TerminalText.Fit(given, 80)}' is not an http(s) URL");
        }

        Phases.Mark("parse");
        var lockfile = LockfileInput.Read(arguments.Path);
        Phases.Mark("lockfile");
        var environment = NpmConfigSources.ProcessEnvironment();
        var config = NpmConfig.Load(new NpmConfigSources
        {
            Registry = arguments.Registry,
            ProjectFolder = LockfileInput.ProjectFolder(arguments.Path),
            Environment = environment,
        });
        foreach (var problem in config.Problems)
        {
            error.WriteLine("vigil: warning: npm settings: " + TerminalText.Clean(problem.ToString()));
        }

        var options = new VerifyOptions
        {
            Registry = config.Registry,
            ScopeRegistries = config.ScopeRegistries.ToImmutableDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            AllowedHosts = [.. arguments.AllowHosts.Select(h => h.Trim()).Where(h => h.Length > 0)],
            Required = [.. arguments.Required],
            Offline = arguments.Offline,
            CacheDirectory = arguments.Cache ?? RegistryCache.DefaultFolder(n => environment.TryGetValue(n, out string? v) ? v : null),
            KeysFile = arguments.Keys,
            TrustRootFile = arguments.TrustRoot,
            Tarballs = arguments.Tarballs,
            NpmCacheDirectory = arguments.NpmCache,
            Keyring = arguments.Keyring,
            KeyringKey = arguments.KeyringKey,
            Signatures = arguments.Signatures,
        };

        using var handler = RegistryHttp.CreateHandler();
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("vigil/" + Cli.Version);
        var registry = new HttpRegistryData(options, arguments.Offline ? null : new RegistryHttp(http, config.TokenFor, TimeSpan.FromSeconds(30)));
        var context = new VerifyContext(options, registry, TimeProvider.System);
        var report = await VerifyRunner.RunAsync(lockfile, context, CancellationToken.None).ConfigureAwait(false);
        Phases.Mark("verify");
        registry.SaveCache();
        foreach (string warning in registry.Warnings)
        {
            error.WriteLine("vigil: warning: " + TerminalText.Clean(warning));
        }

        Write(parse, arguments, report);
        Phases.Mark("report");
        foreach (string warning in lockfile.Warnings)
        {
            error.WriteLine("vigil: warning: " + TerminalText.Clean(warning));
        }

        return report.Fails ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static void Write(ParseResult parse, Arguments arguments, VerifyReport report)
    {
        void WriteTo(TextWriter writer)
        {
            if (arguments.Format == "json")
            {
                VerifyWriters.WriteJson(writer, report);
            }
            else
            {
                VerifyWriters.WriteTable(writer, report);
            }
        }

        if (arguments.Output is null)
        {
            WriteTo(parse.InvocationConfiguration.Output);
            return;
        }

        try
        {
            string full = Path.GetFullPath(arguments.Output);
            string temporary = full + ".tmp-" + Environment.ProcessId;
            using (var writer = new StreamWriter(temporary))
            {
                WriteTo(writer);
            }

            File.Move(temporary, full, overwrite: true);
            parse.InvocationConfiguration.Error.WriteLine($"vigil: {VerifyWriters.Summary(report)} Report written to {full}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write {arguments.Output}: {e.Message}");
        }
    }
}
