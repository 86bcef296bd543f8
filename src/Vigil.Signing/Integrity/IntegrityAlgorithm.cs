namespace Vigil.Signing.Integrity;

/// <summary>The hash algorithms of Subresource Integrity strings as npm writes them, weakest first.</summary>
public enum IntegrityAlgorithm
{
    /// <summary>SHA-1: what npm wrote before version 5 (<c>shasum</c>); broken for collisions, flagged by the policy.</summary>
    Sha1,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>SHA-384.</summary>
    Sha384,

    /// <summary>SHA-512: what the npm registry publishes in <c>dist.integrity</c> and what lockfiles record today.</summary>
    Sha512,
}
