using System.Collections.Immutable;
using Vigil.Lockfiles;
using Vigil.Signing.Integrity;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// npm's registry signatures (<c>npm audit signatures</c>, from the lockfile): the version's <c>dist.signatures</c>
/// verified with the registry's keys (ECDSA P-256 over <c>name@version:integrity</c>, <see cref="NpmSignature"/>),
/// a key whose <c>expires</c> is at or before the version's publish time failing, and the lockfile's integrity
/// required to be the registry's (otherwise the lockfile was tampered with: invalid). No signatures is
/// <see cref="CheckOutcome.Unsigned"/>; a registry that cannot be asked (offline without a cache) is
/// <see cref="CheckOutcome.NotVerifiable"/>, with why.
/// </summary>
public sealed class RegistrySignatureCheck : IPackageCheck
{
    /// <inheritdoc/>
    public string Name => "signatures";

    /// <inheritdoc/>
    public bool AppliesTo(VerifyContext context) => true;

    /// <inheritdoc/>
    public async ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var fetched = await context.Registry.GetVersionAsync(package.Name, package.Version, cancellationToken).ConfigureAwait(false);
            if (fetched.Status != FetchStatus.Found)
            {
                return Result(CheckOutcome.NotVerifiable, fetched.Reason ?? "the registry's record of the version cannot be had");
            }

            var version = fetched.Value!;
            if (CompareIntegrity(package, version) is { } tampered)
            {
                return Result(CheckOutcome.Invalid, tampered);
            }

            if (version.Signatures.IsEmpty)
            {
                return Result(CheckOutcome.Unsigned, "the registry publishes no signature of this version");
            }

            var keys = await context.Registry.GetKeysAsync(package.Name, cancellationToken).ConfigureAwait(false);
            if (keys.Status == FetchStatus.NotFound)
            {
                return Result(CheckOutcome.NotVerifiable, "the version is signed but " + keys.Reason);
            }

            if (keys.Status != FetchStatus.Found)
            {
                return Result(CheckOutcome.NotVerifiable, "the registry's keys cannot be had: " + keys.Reason);
            }

            var verified = Verify(version, keys.Value);
            if (verified.Outcome == CheckOutcome.Verified && !string.IsNullOrWhiteSpace(package.Integrity) && !IntegrityValue.TryParse(package.Integrity, out _, out _))
            {
                // A yarn berry checksum (or a malformed integrity, which the policy reports): the registry's record is
                // signed, but the lockfile holds nothing to tie it to.
                return verified with { Reason = "the registry's record is signed; the lockfile's integrity is no SRI hash and cannot be compared with it" };
            }

            return verified;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Result(CheckOutcome.NotVerifiable, $"the check failed ({e.GetType().Name})");
        }
    }

    /// <summary>Verifies the signatures of <paramref name="version"/> with <paramref name="keys"/>.</summary>
    public CheckResult Verify(RegistryVersion version, ImmutableArray<RegistryKey> keys)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Integrity is null)
        {
            return Result(CheckOutcome.Invalid, "the registry's record has signatures but no integrity to check them over");
        }

        byte[] message = NpmSignature.Message(version.Name, version.Version, version.Integrity);
        string? verifiedBy = null;
        var unknown = new List<string>();
        foreach (var signature in version.Signatures)
        {
            RegistryKey? key = null;
            foreach (var candidate in keys)
            {
                if (candidate.KeyId == signature.KeyId)
                {
                    key = candidate;
                    break;
                }
            }

            if (key is null)
            {
                unknown.Add(signature.KeyId);
                continue;
            }

            if (key.KeyType.Length > 0 && key.KeyType != NpmSignature.KeyType)
            {
                unknown.Add(signature.KeyId + " (key type " + key.KeyType + ")");
                continue;
            }

            if (key.Expires is { } expires)
            {
                if (version.PublishedAt is not { } published)
                {
                    return Result(CheckOutcome.NotVerifiable, $"key {key.KeyId} expires {expires:yyyy-MM-dd} and the version's publish time is unknown");
                }

                if (expires <= published)
                {
                    return Result(CheckOutcome.Invalid, $"signed with key {key.KeyId}, which expired {expires:yyyy-MM-dd HH:mm} UTC, before the version was published ({published:yyyy-MM-dd HH:mm} UTC)");
                }
            }

            if (!NpmSignature.Verify(message, signature.Signature, key))
            {
                return Result(CheckOutcome.Invalid, $"the signature by key {key.KeyId} does not verify: the registry's record was altered");
            }

            verifiedBy ??= key.KeyId;
        }

        if (verifiedBy is not null)
        {
            return new CheckResult(Name, CheckOutcome.Verified) { Details = [new("key", verifiedBy)] };
        }

        return Result(CheckOutcome.NotVerifiable, "signed only by keys the registry does not list: " + string.Join(", ", unknown));
    }

    // The lockfile's integrity must be the registry's; null when it is (or cannot be compared: a yarn berry checksum,
    // or none, which the policy reports).
    private static string? CompareIntegrity(ResolvedPackage package, RegistryVersion version)
    {
        if (string.IsNullOrWhiteSpace(package.Integrity) || !IntegrityValue.TryParse(package.Integrity, out var locked, out _))
        {
            return null;
        }

        IntegrityValue? registry = null;
        if (version.Integrity is not null && !IntegrityValue.TryParse(version.Integrity, out registry, out string? error))
        {
            return $"the registry's integrity is malformed ({error})";
        }

        if (registry is not null && locked!.SharesHashWith(registry))
        {
            return null;
        }

        if (version.Shasum is { Length: 40 } shasum && locked!.IsSha1Only && IntegrityValue.TryParse("sha1-" + HexToBase64(shasum), out var sha1, out _) && locked.SharesHashWith(sha1!))
        {
            return null;
        }

        return $"the lockfile's integrity is not the registry's for this version (registry {Short(version.Integrity ?? "sha1 " + version.Shasum)}): the lockfile was tampered with or the registry serves other content";
    }

    private static string HexToBase64(string hex)
    {
        try
        {
            return Convert.ToBase64String(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    private static string Short(string text) => text.Length <= 30 ? text : text[..30] + "…";

    private CheckResult Result(CheckOutcome outcome, string reason) => new(Name, outcome, reason);
}
