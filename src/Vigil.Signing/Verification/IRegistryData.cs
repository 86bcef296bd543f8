using System.Collections.Immutable;
using Vigil.Lockfiles;

namespace Vigil.Signing.Verification;

/// <summary>
/// What the checks read from a registry: one version's publication facts, the registry's signing keys, attestation
/// bundles and tarballs. The implementation decides where they come from (the cache, the network, a keys file) and
/// honours <see cref="VerifyOptions.Offline"/>; checks never open a connection themselves.
/// </summary>
public interface IRegistryData
{
    /// <summary>The registry's record of <paramref name="name"/>@<paramref name="version"/> (from its packument).</summary>
    ValueTask<Fetched<RegistryVersion>> GetVersionAsync(string name, string version, CancellationToken cancellationToken);

    /// <summary>The signing keys of the registry <paramref name="name"/> is published on (<c>GET /-/npm/v1/keys</c>, or the keys file).</summary>
    ValueTask<Fetched<ImmutableArray<RegistryKey>>> GetKeysAsync(string name, CancellationToken cancellationToken);

    /// <summary>The attestations document of a version (<c>GET /-/npm/v1/attestations/name@version</c>), as bytes.</summary>
    ValueTask<Fetched<byte[]>> GetAttestationsAsync(string name, string version, CancellationToken cancellationToken);

    /// <summary>The package's tarball as a stream, read as it arrives (the caller disposes it and limits what it reads).</summary>
    ValueTask<Fetched<Stream>> OpenTarballAsync(ResolvedPackage package, CancellationToken cancellationToken);
}

/// <summary>Whether something asked of the registry was had.</summary>
public enum FetchStatus
{
    /// <summary>Had, from the cache or the network.</summary>
    Found,

    /// <summary>The registry says it does not exist (404).</summary>
    NotFound,

    /// <summary>Could not be had: offline without a cached copy, a network error, a 5xx, a malformed answer.</summary>
    Unavailable,
}

/// <summary>The answer to one question to the registry.</summary>
/// <typeparam name="T">What was asked for.</typeparam>
/// <param name="Status">Whether it was had.</param>
/// <param name="Value">The value when <see cref="FetchStatus.Found"/>.</param>
/// <param name="Reason">Why not, otherwise (for a person: names the URL or the cache entry, never a credential).</param>
public sealed record Fetched<T>(FetchStatus Status, T? Value, string? Reason = null);

/// <summary>Makes <see cref="Fetched{T}"/> answers.</summary>
public static class Fetched
{
    /// <summary>A value that was had.</summary>
    public static Fetched<T> Found<T>(T value) => new(FetchStatus.Found, value);

    /// <summary>The registry says there is no such thing.</summary>
    public static Fetched<T> NotFound<T>(string reason) => new(FetchStatus.NotFound, default, reason);

    /// <summary>It could not be had.</summary>
    public static Fetched<T> Unavailable<T>(string reason) => new(FetchStatus.Unavailable, default, reason);
}

/// <summary>What a registry's packument says about one published version.</summary>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The version.</param>
/// <param name="Integrity">Its <c>dist.integrity</c> (or null when the registry gives only <c>dist.shasum</c>).</param>
/// <param name="Shasum">Its <c>dist.shasum</c> (hex SHA-1), when given.</param>
/// <param name="TarballUrl">Its <c>dist.tarball</c>.</param>
/// <param name="Signatures">Its <c>dist.signatures</c>; empty when the registry publishes none.</param>
/// <param name="AttestationsUrl">Its <c>dist.attestations.url</c>, when it has attestations.</param>
/// <param name="PublishedAt">When it was published (the packument's <c>time[version]</c>), when known.</param>
public sealed record RegistryVersion(
    string Name,
    string Version,
    string? Integrity,
    string? Shasum,
    string? TarballUrl,
    ImmutableArray<RegistrySignature> Signatures,
    string? AttestationsUrl,
    DateTimeOffset? PublishedAt);

/// <summary>One entry of a version's <c>dist.signatures</c>.</summary>
/// <param name="KeyId">The signing key's id (<c>SHA256:…</c>).</param>
/// <param name="Signature">The signature as published (base64 of a DER ECDSA signature).</param>
public sealed record RegistrySignature(string KeyId, string Signature);

/// <summary>One key of a registry's <c>GET /-/npm/v1/keys</c>.</summary>
/// <param name="KeyId">The key's id (<c>SHA256:…</c>).</param>
/// <param name="KeyType">The key type (<c>ecdsa-sha2-nistp256</c>).</param>
/// <param name="Scheme">The signature scheme (<c>ecdsa-sha2-nistp256</c>).</param>
/// <param name="PublicKey">The public key, base64 of its DER SubjectPublicKeyInfo.</param>
/// <param name="Expires">When the key stopped signing (null: still in use); versions published after it fail.</param>
public sealed record RegistryKey(string KeyId, string KeyType, string Scheme, string PublicKey, DateTimeOffset? Expires);
