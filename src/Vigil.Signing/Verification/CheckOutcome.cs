namespace Vigil.Signing.Verification;

/// <summary>
/// How one check ended for one package. Every check of every package ends in exactly one of these, with a reason
/// for everything but <see cref="Verified"/>: nothing is skipped silently.
/// </summary>
public enum CheckOutcome
{
    /// <summary>The check ran and passed (the signature verified, the policy holds, the tarball matches).</summary>
    Verified,

    /// <summary>There was nothing to check: the registry publishes no signature or attestation for this package.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The issue's word for a package without a signature.")]
    Unsigned,

    /// <summary>The check ran and failed: a wrong signature, a tampered lockfile entry, a tarball that does not match.</summary>
    Invalid,

    /// <summary>The check could not run (offline without a cached copy, an unknown key, a git dependency), with why.</summary>
    NotVerifiable,
}
