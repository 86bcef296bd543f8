using System.Collections.Immutable;

namespace Vigil.Signing.Verification;

/// <summary>What <c>vigil verify</c> was asked to do (its command-line options, read and validated).</summary>
public sealed record VerifyOptions
{
    /// <summary>The registry packages come from when the lockfile records no URL, as npm reads it from its npmrc files.</summary>
    public required Uri Registry { get; init; }

    /// <summary>Registries for scopes (<c>@scope:registry</c> in npmrc), by scope with its <c>@</c>.</summary>
    public ImmutableDictionary<string, Uri> ScopeRegistries { get; init; } = ImmutableDictionary<string, Uri>.Empty;

    /// <summary>Host names a resolved URL may name (default: the configured registries' hosts).</summary>
    public ImmutableArray<string> AllowedHosts { get; init; } = [];

    /// <summary>The checks whose every non-verified outcome fails the run (<c>--require signatures|provenance|…</c>).</summary>
    public ImmutableHashSet<string> Required { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Work only from the cache: no network access at all.</summary>
    public bool Offline { get; init; }

    /// <summary>Where fetched packuments, keys and attestations are kept between runs.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>A file of registry keys to use instead of the registry's <c>/-/npm/v1/keys</c>.</summary>
    public string? KeysFile { get; init; }

    /// <summary>The Sigstore trust root (a file) provenance bundles are checked against; without it provenance is not verifiable.</summary>
    public string? TrustRootFile { get; init; }

    /// <summary>Download (or read from npm's cache) and check every tarball (<c>--tarballs</c>).</summary>
    public bool Tarballs { get; init; }

    /// <summary>npm's content cache (<c>_cacache</c>) to read tarballs from before downloading.</summary>
    public string? NpmCacheDirectory { get; init; }

    /// <summary>The authors' keyring (a file or a URL) author signatures are checked against (<c>--keyring</c>).</summary>
    public string? Keyring { get; init; }

    /// <summary>
    /// The platform's keyring key (a <c>PUBLIC KEY</c> PEM file, <c>--keyring-key</c>) the keyring must be signed by:
    /// the trust anchor of author signatures. Without it the keyring is not trusted and the authors check is not verifiable.
    /// </summary>
    public string? KeyringKey { get; init; }

    /// <summary>
    /// The folder of author signatures (<c>--signatures</c>): one <c>name@version.sig</c> per signed package, with the
    /// <c>/</c> of a scoped name written <c>%2f</c> (<c>@scope%2fpkg@1.0.0.sig</c>).
    /// </summary>
    public string? Signatures { get; init; }
}
