namespace Vigil.Signing.Authors;

/// <summary>The signature algorithms of author keys and keyring keys.</summary>
public enum AuthorKeyAlgorithm
{
    /// <summary>Ed25519 (RFC 8032, pure): written <c>ed25519</c>.</summary>
    Ed25519,

    /// <summary>ECDSA on P-256 with SHA-256, DER-encoded signatures (as npm's registry signs): written <c>ecdsa-p256</c>.</summary>
    EcdsaP256,
}

/// <summary>The names of <see cref="AuthorKeyAlgorithm"/> in files and on the command line.</summary>
public static class AuthorKeyAlgorithms
{
    /// <summary>The name written in signature files and keyrings.</summary>
    public static string Name(AuthorKeyAlgorithm algorithm) => algorithm switch
    {
        AuthorKeyAlgorithm.Ed25519 => "ed25519",
        _ => "ecdsa-p256",
    };

    /// <summary>Reads a name (<c>ed25519</c>, <c>ecdsa-p256</c>; <c>p256</c> is accepted for the latter).</summary>
    public static bool TryParse(string? text, out AuthorKeyAlgorithm algorithm)
    {
        switch (text)
        {
            case "ed25519":
                algorithm = AuthorKeyAlgorithm.Ed25519;
                return true;
            case "ecdsa-p256" or "p256":
                algorithm = AuthorKeyAlgorithm.EcdsaP256;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }
}
