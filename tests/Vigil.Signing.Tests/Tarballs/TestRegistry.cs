using System.Collections.Immutable;
using Vigil.Lockfiles;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Tarballs;

/// <summary>
/// The registry's data for the checks' tests, over bytes the tests made: tarballs and attestation documents by
/// <c>name@version</c>. Not a mock library: a plain implementation of <see cref="IRegistryData"/>; what it does not
/// hold is unavailable, as for a registry that cannot be reached. It counts the tarballs it opened.
/// </summary>
public sealed class TestRegistry : IRegistryData
{
    /// <summary>Tarballs by <c>name@version</c>.</summary>
    public Dictionary<string, byte[]> Tarballs { get; } = [];

    /// <summary>Attestation documents by <c>name@version</c>.</summary>
    public Dictionary<string, byte[]> Attestations { get; } = [];

    /// <summary>Versions by <c>name@version</c>.</summary>
    public Dictionary<string, RegistryVersion> Versions { get; } = [];

    /// <summary>How many tarballs were opened.</summary>
    public int TarballsOpened { get; private set; }

    public ValueTask<Fetched<RegistryVersion>> GetVersionAsync(string name, string version, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Versions.TryGetValue(name + "@" + version, out var found)
            ? Fetched.Found(found)
            : Fetched.Unavailable<RegistryVersion>("the test registry holds no packument for " + name + "@" + version));

    public ValueTask<Fetched<ImmutableArray<RegistryKey>>> GetKeysAsync(string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Fetched.Unavailable<ImmutableArray<RegistryKey>>("the test registry holds no keys"));

    public ValueTask<Fetched<byte[]>> GetAttestationsAsync(string name, string version, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Attestations.TryGetValue(name + "@" + version, out var found)
            ? Fetched.Found(found)
            : Fetched.NotFound<byte[]>("the test registry has no attestations for " + name + "@" + version));

    public ValueTask<Fetched<Stream>> OpenTarballAsync(ResolvedPackage package, CancellationToken cancellationToken)
    {
        if (!Tarballs.TryGetValue(package.Name + "@" + package.Version, out var bytes))
        {
            return ValueTask.FromResult(Fetched.Unavailable<Stream>("the test registry is offline for " + package));
        }

        TarballsOpened++;
        return ValueTask.FromResult(Fetched.Found<Stream>(new MemoryStream(bytes, writable: false)));
    }
}
