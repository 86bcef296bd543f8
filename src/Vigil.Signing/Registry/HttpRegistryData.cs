using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using Vigil.Domain.Npm;
using Vigil.Lockfiles;
using Vigil.Signing.Policy;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// <see cref="IRegistryData"/> over npm's registry API and a cache folder. A version's record comes from the cache
/// when there (a published version never changes), else from the abbreviated packument
/// (<c>application/vnd.npm.install-v1+json</c>, which carries <c>dist.signatures</c> and <c>dist.attestations</c>
/// but no publish times), and from the full packument only when a publish time is needed: when a key that signed it
/// has an <c>expires</c>. Keys come from <see cref="VerifyOptions.KeysFile"/> when given, else from
/// <c>GET /-/npm/v1/keys</c> (cached). With <see cref="VerifyOptions.Offline"/>, only the cache is read.
/// </summary>
public sealed class HttpRegistryData : IRegistryData
{
    /// <summary>The largest packument read (the abbreviated ones of the biggest packages are tens of MB).</summary>
    public const long MaxPackumentBytes = 200L * 1024 * 1024;

    /// <summary>The largest keys document or attestations document read.</summary>
    public const long MaxDocumentBytes = 16L * 1024 * 1024;

    private const string Abbreviated = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8";

    private readonly VerifyOptions _options;
    private readonly RegistryHttp? _http;
    private readonly RegistryCache? _cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<Fetched<byte[]>>>> _packuments = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<Fetched<ImmutableArray<RegistryKey>>>>> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedVersions> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _warnings = new();

    /// <summary>Reads from <paramref name="http"/> (null: never the network) and the options' cache folder.</summary>
    public HttpRegistryData(VerifyOptions options, RegistryHttp? http)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _http = options.Offline ? null : http;
        _cache = options.CacheDirectory is { Length: > 0 } folder ? new RegistryCache(folder) : null;
    }

    /// <summary>What went wrong with the cache (a corrupt file read as empty), for the run to print as warnings.</summary>
    public IReadOnlyCollection<string> Warnings => [.. _warnings];

    /// <summary>Writes the version records fetched this run into the cache (one pack per registry); call once the checks are done.</summary>
    public void SaveCache()
    {
        foreach (var versions in _versions.Values)
        {
            versions.Save();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<Fetched<RegistryVersion>> GetVersionAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (!PackageNames.IsValid(name) || !PackageNames.IsValidVersion(version))
        {
            return Fetched.Unavailable<RegistryVersion>($"'{TarballLocation.Shorten(name)}@{TarballLocation.Shorten(version)}' is not a package name and version a registry serves");
        }

        var registry = PolicyCheck.RegistryFor(name, _options);
        var cached = _cache is null ? null : _versions.GetOrAdd(registry.AbsoluteUri, _ => new CachedVersions(_cache.VersionPackFile(registry), _warnings.Enqueue));
        if (cached?.Find(name, version) is { } fromCache
            && (fromCache.PublishedAt is not null || !await NeedsTimeAsync(fromCache, cancellationToken).ConfigureAwait(false)))
        {
            return Fetched.Found(fromCache);
        }

        if (_http is null)
        {
            return Fetched.Unavailable<RegistryVersion>(_options.Offline
                ? $"offline, and the cache holds no record of {name}@{version}"
                : $"no cache and no network for {name}@{version}");
        }

        var abbreviated = await PackumentAsync(registry, name, full: false, cancellationToken).ConfigureAwait(false);
        if (abbreviated.Status != FetchStatus.Found)
        {
            return new Fetched<RegistryVersion>(abbreviated.Status, null, abbreviated.Reason);
        }

        var found = RegistryDocuments.ReadVersion(abbreviated.Value!, name, version, out string? error);
        if (error is not null)
        {
            return Fetched.Unavailable<RegistryVersion>($"the packument of {name}: {error}");
        }

        if (found is null)
        {
            return Fetched.NotFound<RegistryVersion>($"the registry lists no version {version} of {name}");
        }

        if (found.PublishedAt is null && await NeedsTimeAsync(found, cancellationToken).ConfigureAwait(false))
        {
            var full = await PackumentAsync(registry, name, full: true, cancellationToken).ConfigureAwait(false);
            if (full.Status == FetchStatus.Found && RegistryDocuments.ReadVersion(full.Value!, name, version, out _) is { PublishedAt: { } at })
            {
                found = found with { PublishedAt = at };
            }
        }

        cached?.Add(found);
        return Fetched.Found(found);
    }

    /// <inheritdoc/>
    public ValueTask<Fetched<ImmutableArray<RegistryKey>>> GetKeysAsync(string name, CancellationToken cancellationToken)
    {
        var registry = PolicyCheck.RegistryFor(name, _options);
        return new(_keys.GetOrAdd(registry.AbsoluteUri, _ => new Lazy<Task<Fetched<ImmutableArray<RegistryKey>>>>(() => KeysAsync(registry, cancellationToken))).Value);
    }

    /// <inheritdoc/>
    public async ValueTask<Fetched<byte[]>> GetAttestationsAsync(string name, string version, CancellationToken cancellationToken)
    {
        if (!PackageNames.IsValid(name) || !PackageNames.IsValidVersion(version))
        {
            return Fetched.Unavailable<byte[]>($"'{TarballLocation.Shorten(name)}@{TarballLocation.Shorten(version)}' is not a package name and version a registry serves");
        }

        var registry = PolicyCheck.RegistryFor(name, _options);
        string? cacheFile = _cache?.AttestationsFile(registry, name, version);
        if (cacheFile is not null && RegistryCache.Read(cacheFile, MaxDocumentBytes) is { } cached)
        {
            return Fetched.Found(cached);
        }

        if (_http is null)
        {
            return Fetched.Unavailable<byte[]>($"offline, and the cache holds no attestations of {name}@{version}");
        }

        var url = new Uri(Root(registry) + "-/npm/v1/attestations/" + NpmConfig.EscapeName(name) + "@" + Uri.EscapeDataString(version));
        var answer = await _http.GetAsync(url, "application/json", MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return Fetched.NotFound<byte[]>($"the registry has no attestations of {name}@{version}");
        }

        if (answer.Body is null)
        {
            return Fetched.Unavailable<byte[]>(answer.Reason ?? "no answer");
        }

        if (cacheFile is not null)
        {
            RegistryCache.Write(cacheFile, answer.Body);
        }

        return Fetched.Found(answer.Body);
    }

    /// <inheritdoc/>
    public async ValueTask<Fetched<Stream>> OpenTarballAsync(ResolvedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (_http is null)
        {
            return Fetched.Unavailable<Stream>($"offline: the tarball of {package} is not downloaded");
        }

        var registry = PolicyCheck.RegistryFor(package.Name, _options);
        string? resolved = package.Resolved is { } r && TarballLocation.IsYarnLocator(r) ? null : package.Resolved;
        var url = TarballLocation.Of(package.Name, package.Version, resolved, registry, out _, out string? error);
        if (url is null)
        {
            return Fetched.Unavailable<Stream>(error!);
        }

        // Streamed: the tarball check reads it once as it arrives, never whole; its own limits stop a large one first.
        var answer = await _http.OpenAsync(url, "application/octet-stream", MaxPackumentBytes, cancellationToken).ConfigureAwait(false);
        return answer.Body is not null ? Fetched.Found(answer.Body)
            : answer.Status == HttpStatusCode.NotFound ? Fetched.NotFound<Stream>(answer.Reason!)
            : Fetched.Unavailable<Stream>(answer.Reason ?? "no answer");
    }

    // A publish time is needed when some signature's key has an expiry.
    private async ValueTask<bool> NeedsTimeAsync(RegistryVersion version, CancellationToken cancellationToken)
    {
        if (version.Signatures.IsEmpty)
        {
            return false;
        }

        var keys = await GetKeysAsync(version.Name, cancellationToken).ConfigureAwait(false);
        if (keys.Status != FetchStatus.Found)
        {
            return false;
        }

        foreach (var signature in version.Signatures)
        {
            foreach (var key in keys.Value)
            {
                if (key.KeyId == signature.KeyId && key.Expires is not null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private Task<Fetched<byte[]>> PackumentAsync(Uri registry, string name, bool full, CancellationToken cancellationToken) =>
        _packuments.GetOrAdd((full ? "full " : "abbreviated ") + registry.AbsoluteUri + name, _ => new Lazy<Task<Fetched<byte[]>>>(async () =>
        {
            var url = new Uri(Root(registry) + NpmConfig.EscapeName(name));
            var answer = await _http!.GetAsync(url, full ? "application/json" : Abbreviated, MaxPackumentBytes, cancellationToken).ConfigureAwait(false);
            return answer.Body is not null ? Fetched.Found(answer.Body)
                : answer.Status == HttpStatusCode.NotFound ? Fetched.NotFound<byte[]>($"the registry has no package {name}")
                : Fetched.Unavailable<byte[]>(answer.Reason ?? "no answer");
        })).Value;

    private async Task<Fetched<ImmutableArray<RegistryKey>>> KeysAsync(Uri registry, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (_options.KeysFile is { } keysFile)
        {
            if (RegistryCache.Read(keysFile, MaxDocumentBytes) is not { } bytes)
            {
                return Fetched.Unavailable<ImmutableArray<RegistryKey>>($"the keys file {keysFile} cannot be read (or is larger than {MaxDocumentBytes / 1024 / 1024} MB)");
            }

            return RegistryDocuments.ReadKeys(bytes, out string? error) is { } fromFile
                ? Fetched.Found(fromFile)
                : Fetched.Unavailable<ImmutableArray<RegistryKey>>($"the keys file {keysFile}: {error}");
        }

        string? cacheFile = _cache?.KeysFile(registry);
        if (_http is null)
        {
            if (cacheFile is not null && RegistryCache.Read(cacheFile, MaxDocumentBytes) is { } cached && RegistryDocuments.ReadKeys(cached, out _) is { } keys)
            {
                return Fetched.Found(keys);
            }

            return Fetched.Unavailable<ImmutableArray<RegistryKey>>($"offline, and the cache holds no keys of {RegistryHttp.Describe(registry)}");
        }

        var answer = await _http.GetAsync(new Uri(Root(registry) + "-/npm/v1/keys"), "application/json", MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        if (answer.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return Fetched.NotFound<ImmutableArray<RegistryKey>>($"{RegistryHttp.Describe(registry)} publishes no signing keys");
        }

        if (answer.Body is null)
        {
            return Fetched.Unavailable<ImmutableArray<RegistryKey>>(answer.Reason ?? "no answer");
        }

        if (RegistryDocuments.ReadKeys(answer.Body, out string? keysError) is not { } fetched)
        {
            return Fetched.Unavailable<ImmutableArray<RegistryKey>>($"the keys of {RegistryHttp.Describe(registry)}: {keysError}");
        }

        if (cacheFile is not null)
        {
            RegistryCache.Write(cacheFile, answer.Body);
        }

        return Fetched.Found(fetched);
    }

    private static string Root(Uri registry) => registry.AbsoluteUri.EndsWith('/') ? registry.AbsoluteUri : registry.AbsoluteUri + "/";
}
