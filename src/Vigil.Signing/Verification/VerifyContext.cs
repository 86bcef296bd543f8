namespace Vigil.Signing.Verification;

/// <summary>What every check of one <c>vigil verify</c> run shares: the options and the registry's data.</summary>
/// <param name="Options">The run's options.</param>
/// <param name="Registry">Packuments, keys, attestations and tarballs, from the cache or the network.</param>
/// <param name="Clock">The time a run verifies at (key expiry is judged against publish times, not this).</param>
public sealed record VerifyContext(VerifyOptions Options, IRegistryData Registry, TimeProvider Clock);
