namespace Vigil.Signing.Authors;

/// <summary>
/// One key of the authors' keyring: who may sign which packages with it, since when, and whether it was revoked.
/// </summary>
/// <param name="Package">A package name (<c>left-pad</c>, <c>@scope/pkg</c>) or a whole scope (<c>@scope/*</c>).</param>
/// <param name="Account">The platform account (its user name) that registered the key.</param>
/// <param name="Key">The public key (its id and algorithm are the key's own).</param>
/// <param name="ValidFrom">When the platform accepted the key (its proof of possession).</param>
/// <param name="RevokedAt">When it was revoked, or null.</param>
/// <param name="RevokedReason">Why (<see cref="Keyring.Superseded"/>, <c>compromised</c>, or the revoker's words), or null.</param>
public sealed record KeyringEntry(
    string Package,
    string Account,
    AuthorPublicKey Key,
    DateTimeOffset ValidFrom,
    DateTimeOffset? RevokedAt = null,
    string? RevokedReason = null)
{
    /// <summary>True when this entry speaks for <paramref name="packageName"/> (its name, or its scope's <c>@scope/*</c>).</summary>
    public bool Covers(string packageName) =>
        Package.EndsWith("/*", StringComparison.Ordinal)
            ? packageName.StartsWith(Package[..^1], StringComparison.Ordinal) && packageName.Length > Package.Length - 1
            : packageName == Package;

    /// <summary>
    /// Whether a signature this key made (the signer says at <paramref name="created"/>) still counts: a key that was
    /// not revoked, or one revoked as <see cref="Keyring.Superseded"/> (replaced, not lost) for signatures made before
    /// its revocation. A key revoked for any other reason may have been in other hands: none of its signatures count,
    /// since whoever holds it can write any creation time.
    /// </summary>
    public bool Honours(DateTimeOffset created) =>
        RevokedAt is not { } revoked || (RevokedReason == Keyring.Superseded && created < revoked);
}
