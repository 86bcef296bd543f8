using System.Text.RegularExpressions;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Policy;

/// <summary>
/// The lockfile policy (what lockfile-lint checks, for every format): a registry package has an integrity whose
/// strongest hash is sha512; its tarball comes over https (http only from a loopback address) from an allowed host;
/// and the tarball URL's name and version are the entry's (so an npm alias points at the package it names). When the
/// lockfile records no URL, the URL is the configured registry's. yarn berry records a <c>checksum</c> of its own zip
/// archive instead of an integrity: it must be present, but it is no hash of the tarball and is reported as such.
/// Runs offline; reads nothing from the registry.
/// </summary>
public sealed partial class PolicyCheck : IPackageCheck
{
    /// <inheritdoc/>
    public string Name => "policy";

    /// <inheritdoc/>
    public bool AppliesTo(VerifyContext context) => true;

    /// <inheritdoc/>
    public ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Check(package, context.Options));
    }

    /// <summary>The check, synchronously.</summary>
    public CheckResult Check(ResolvedPackage package, VerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        string? note = null;

        // The integrity.
        if (string.IsNullOrWhiteSpace(package.Integrity))
        {
            problems.Add("no integrity: whoever serves the tarball decides its content");
        }
        else if (YarnChecksum().IsMatch(package.Integrity))
        {
            note = "yarn berry checksum (a hash of yarn's own archive, not of the tarball): present, not comparable with the registry's integrity";
        }
        else if (!IntegrityValue.TryParse(package.Integrity, out var integrity, out string? error))
        {
            problems.Add("integrity: " + error);
        }
        else if (integrity!.Strongest.Algorithm != IntegrityAlgorithm.Sha512)
        {
            problems.Add(integrity.IsSha1Only
                ? "integrity is sha1 only: SHA-1 collisions can be made; sha512 expected"
                : $"integrity's strongest hash is {integrity.Strongest.Algorithm.ToString().ToLowerInvariant()}; sha512 expected");
        }

        // The URL.
        string? resolved = package.Resolved;
        if (resolved is not null && TarballLocation.IsYarnLocator(resolved))
        {
            if (TarballLocation.YarnLocator(resolved) is { } locator && (locator.Name != package.Name || locator.Version != package.Version))
            {
                problems.Add($"resolution '{TarballLocation.Shorten(resolved)}' is not {package.Name}@{package.Version}");
            }

            resolved = null;
        }

        var registry = RegistryFor(package.Name, options);
        var url = TarballLocation.Of(package.Name, package.Version, resolved, registry, out bool fromLockfile, out string? urlError);
        if (url is null)
        {
            problems.Add(urlError!);
        }
        else
        {
            string where = fromLockfile ? "resolved URL" : "configured registry";
            bool loopback = url.IsLoopback;
            if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
            {
                problems.Add($"{where} is {url.Scheme}://, not https://: anyone on the way can change the tarball");
            }

            if (!IsAllowed(url, options))
            {
                problems.Add($"{where} host {url.Authority} is not an allowed host ({string.Join(", ", AllowedHosts(options))})");
            }

            if (fromLockfile && !TarballLocation.Names(url, package.Name, package.Version, out string found))
            {
                string alias = package.AliasNames.Length > 0 ? $" (installed as {string.Join(", ", package.AliasNames)})" : string.Empty;
                problems.Add($"resolved URL serves {found}, not {package.Name}@{package.Version}{alias}");
            }
        }

        return problems.Count > 0
            ? new CheckResult(Name, CheckOutcome.Invalid, string.Join("; ", problems))
            : new CheckResult(Name, CheckOutcome.Verified, note);
    }

    /// <summary>The registry a package comes from: its scope's, else the default.</summary>
    public static Uri RegistryFor(string name, VerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        if (name.StartsWith('@') && name.IndexOf('/', StringComparison.Ordinal) is > 1 and int slash
            && options.ScopeRegistries.TryGetValue(name[..slash], out var scoped))
        {
            return scoped;
        }

        return options.Registry;
    }

    /// <summary>
    /// The allowed hosts: <see cref="VerifyOptions.AllowedHosts"/>, or the configured registries' hosts when none is
    /// given (with yarn's name for npm's public registry when that is one of them).
    /// </summary>
    public static IReadOnlyList<string> AllowedHosts(VerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AllowedHosts.Length > 0)
        {
            return options.AllowedHosts;
        }

        var hosts = new List<string> { options.Registry.Authority };
        foreach (var scoped in options.ScopeRegistries.Values)
        {
            if (!hosts.Contains(scoped.Authority, StringComparer.OrdinalIgnoreCase))
            {
                hosts.Add(scoped.Authority);
            }
        }

        // yarn classic writes npm's public registry under its own host name, which serves the same registry.
        if (hosts.Contains(NpmPublicHost, StringComparer.OrdinalIgnoreCase) && !hosts.Contains(YarnPublicHost, StringComparer.OrdinalIgnoreCase))
        {
            hosts.Add(YarnPublicHost);
        }

        return hosts;
    }

    private const string NpmPublicHost = "registry.npmjs.org";
    private const string YarnPublicHost = "registry.yarnpkg.com";

    // An allowed host matches the URL's host, or its host and port when it names one.
    private static bool IsAllowed(Uri url, VerifyOptions options)
    {
        foreach (string allowed in AllowedHosts(options))
        {
            if (string.Equals(allowed, url.Authority, StringComparison.OrdinalIgnoreCase)
                || string.Equals(allowed, url.Host, StringComparison.OrdinalIgnoreCase)
                || string.Equals(allowed, url.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // yarn berry's checksum: an optional cache key, a slash, and a hex SHA-512 of yarn's zip archive.
    [GeneratedRegex("^([0-9a-z]+/)?[0-9a-f]{128}$")]
    private static partial Regex YarnChecksum();
}
