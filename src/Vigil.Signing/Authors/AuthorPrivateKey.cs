using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Vigil.Signing.Authors;

/// <summary>
/// A private key that makes author signatures (or the platform's keyring signatures): Ed25519 or ECDSA P-256, kept
/// in a file as a PKCS#8 <c>PRIVATE KEY</c> PEM block (as <c>openssl genpkey</c> writes it), or as an
/// <c>ENCRYPTED PRIVATE KEY</c> under a passphrase (<see cref="EncryptedPkcs8"/>).
/// </summary>
public sealed class AuthorPrivateKey : IDisposable
{
    /// <summary>The DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo (RFC 8410); the 32-byte seed follows.</summary>
    private static readonly byte[] Ed25519Pkcs8Prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

    private readonly Ed25519PrivateKeyParameters? ed25519;
    private readonly ECDsa? ecdsa;

    private AuthorPrivateKey(Ed25519PrivateKeyParameters key)
    {
        ed25519 = key;
        byte[] spki = [.. AuthorPublicKey.Ed25519SpkiPrefix, .. key.GeneratePublicKey().GetEncoded()];
        AuthorPublicKey.TryFromSpki(spki, out var publicKey, out _);
        PublicKey = publicKey!;
    }

    private AuthorPrivateKey(ECDsa key)
    {
        ecdsa = key;
        AuthorPublicKey.TryFromSpki(key.ExportSubjectPublicKeyInfo(), out var publicKey, out _);
        PublicKey = publicKey!;
    }

    /// <summary>The matching public key.</summary>
    public AuthorPublicKey PublicKey { get; }

    /// <summary>The algorithm.</summary>
    public AuthorKeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>A new key from the system's random number generator.</summary>
    public static AuthorPrivateKey Generate(AuthorKeyAlgorithm algorithm)
    {
        if (algorithm == AuthorKeyAlgorithm.Ed25519)
        {
            return new AuthorPrivateKey(new Ed25519PrivateKeyParameters(RandomNumberGenerator.GetBytes(Ed25519.SecretKeySize)));
        }

        return new AuthorPrivateKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
    }

    /// <summary>Reads an unencrypted <c>PRIVATE KEY</c> PEM block; on failure <paramref name="error"/> says why (never the key's bytes).</summary>
    public static bool TryFromPem(string pem, out AuthorPrivateKey? key, out string? error) => TryFromPem(pem, null, out key, out error, out _);

    /// <summary>
    /// Reads a <c>PRIVATE KEY</c> or, with <paramref name="passphrase"/>, an <c>ENCRYPTED PRIVATE KEY</c> PEM block;
    /// on failure <paramref name="error"/> says why (never the key's bytes nor the passphrase), and
    /// <paramref name="needsPassphrase"/> is true when the key is encrypted and no passphrase was given.
    /// </summary>
    public static bool TryFromPem(string pem, string? passphrase, out AuthorPrivateKey? key, out string? error, out bool needsPassphrase)
    {
        ArgumentNullException.ThrowIfNull(pem);
        key = null;
        needsPassphrase = false;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = "no PEM block (-----BEGIN PRIVATE KEY-----) found";
            return false;
        }

        string label = pem[fields.Label];
        if (label == "ENCRYPTED PRIVATE KEY")
        {
            if (passphrase is null)
            {
                needsPassphrase = true;
                error = "the private key is encrypted and no passphrase was given";
                return false;
            }

            if (!EncryptedPkcs8.TryDecrypt(Convert.FromBase64String(pem[fields.Base64Data]), passphrase, out var decrypted, out error))
            {
                return false;
            }

            try
            {
                if (FromPkcs8(decrypted, out key, out _))
                {
                    return true;
                }

                // CBC padding that happens to check out under a wrong passphrase leaves bytes that are no key.
                error = "wrong passphrase (or a damaged key file)";
                return false;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(decrypted);
            }
        }

        if (label != "PRIVATE KEY")
        {
            error = $"the PEM block is a '{label}', not a PKCS#8 'PRIVATE KEY'";
            return false;
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        try
        {
            return FromPkcs8(der, out key, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    private static bool FromPkcs8(byte[] der, out AuthorPrivateKey? key, out string? error)
    {
        key = null;
        if (der.Length == Ed25519Pkcs8Prefix.Length + Ed25519.SecretKeySize && der.AsSpan().StartsWith(Ed25519Pkcs8Prefix))
        {
            key = new AuthorPrivateKey(new Ed25519PrivateKeyParameters(der.AsSpan(Ed25519Pkcs8Prefix.Length)));
            error = null;
            return true;
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportPkcs8PrivateKey(der, out int read);
            if (read != der.Length || ec.ExportParameters(false).Curve.Oid?.Value != AuthorPublicKey.P256Oid)
            {
                ec.Dispose();
                error = "the private key is not an Ed25519 or P-256 key";
                return false;
            }
        }
        catch (CryptographicException)
        {
            ec.Dispose();
            error = "the private key is neither an Ed25519 nor a P-256 PKCS#8 key";
            return false;
        }

        key = new AuthorPrivateKey(ec);
        error = null;
        return true;
    }

    /// <summary>The key as an unencrypted PKCS#8 <c>PRIVATE KEY</c> PEM block.</summary>
    public string ToPem()
    {
        byte[] der = ed25519 is not null ? [.. Ed25519Pkcs8Prefix, .. ed25519.GetEncoded()] : ecdsa!.ExportPkcs8PrivateKey();
        try
        {
            return PemEncoding.WriteString("PRIVATE KEY", der) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>The key as a PKCS#8 <c>ENCRYPTED PRIVATE KEY</c> PEM block under <paramref name="passphrase"/> (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC).</summary>
    public string ToEncryptedPem(string passphrase, int iterations = EncryptedPkcs8.Iterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        byte[] der = ed25519 is not null ? [.. Ed25519Pkcs8Prefix, .. ed25519.GetEncoded()] : ecdsa!.ExportPkcs8PrivateKey();
        try
        {
            return PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", EncryptedPkcs8.Encrypt(der, passphrase, iterations)) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>This key's signature over <paramref name="message"/> (Ed25519: 64 bytes; P-256: DER, SHA-256).</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        if (ed25519 is not null)
        {
            var signature = new byte[Ed25519.SignatureSize];
            ed25519.Sign(Ed25519.Algorithm.Ed25519, null, message, signature);
            return signature;
        }

        return ecdsa!.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <inheritdoc/>
    public void Dispose() => ecdsa?.Dispose();
}
