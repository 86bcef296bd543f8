using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Vigil.Signing.Authors;

/// <summary>
/// A public key of an author or of the platform's keyring: its algorithm and its DER SubjectPublicKeyInfo. Its id is
/// <c>SHA256:</c> and the unpadded base64 of the SHA-256 of that DER, as npm writes its registry key ids.
/// </summary>
public sealed class AuthorPublicKey
{
    /// <summary>The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow.</summary>
    internal static readonly byte[] Ed25519SpkiPrefix = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    /// <summary>The OID of the P-256 curve.</summary>
    internal const string P256Oid = "1.2.840.10045.3.1.7";

    private readonly byte[] spki;

    private AuthorPublicKey(AuthorKeyAlgorithm algorithm, byte[] spki)
    {
        Algorithm = algorithm;
        this.spki = spki;
        KeyId = "SHA256:" + Convert.ToBase64String(SHA256.HashData(spki)).TrimEnd('=');
    }

    /// <summary>The key's algorithm.</summary>
    public AuthorKeyAlgorithm Algorithm { get; }

    /// <summary>The key's id: <c>SHA256:</c> and the unpadded base64 of the SHA-256 of its SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The DER SubjectPublicKeyInfo.</summary>
    public ReadOnlySpan<byte> Spki => spki;

    /// <summary>The SubjectPublicKeyInfo in base64 (as keyrings write it).</summary>
    public string SpkiBase64 => Convert.ToBase64String(spki);

    /// <summary>The key as a <c>PUBLIC KEY</c> PEM block.</summary>
    public string ToPem() => PemEncoding.WriteString("PUBLIC KEY", spki) + "\n";

    /// <summary>Reads a DER SubjectPublicKeyInfo of an Ed25519 or P-256 key; on failure <paramref name="error"/> says why.</summary>
    public static bool TryFromSpki(ReadOnlySpan<byte> der, out AuthorPublicKey? key, out string? error)
    {
        key = null;
        if (der.Length == Ed25519SpkiPrefix.Length + 32 && der.StartsWith(Ed25519SpkiPrefix))
        {
            try
            {
                _ = new Ed25519PublicKeyParameters(der[Ed25519SpkiPrefix.Length..]);
            }
            catch (ArgumentException)
            {
                error = "the Ed25519 public key is not a point on the curve";
                return false;
            }

            key = new AuthorPublicKey(AuthorKeyAlgorithm.Ed25519, der.ToArray());
            error = null;
            return true;
        }

        if (der.Length > 512)
        {
            error = "the public key is longer than any Ed25519 or P-256 key";
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(der, out int read);
            if (read != der.Length)
            {
                error = "the public key has bytes after its end";
                return false;
            }

            if (ecdsa.ExportParameters(false).Curve.Oid?.Value != P256Oid)
            {
                error = "the public key is an ECDSA key on a curve other than P-256";
                return false;
            }

            key = new AuthorPublicKey(AuthorKeyAlgorithm.EcdsaP256, ecdsa.ExportSubjectPublicKeyInfo());
            error = null;
            return true;
        }
        catch (CryptographicException)
        {
            error = "the public key is neither an Ed25519 nor a P-256 SubjectPublicKeyInfo";
            return false;
        }
    }

    /// <summary>Reads a <c>PUBLIC KEY</c> PEM block (the first one in <paramref name="pem"/>).</summary>
    public static bool TryFromPem(string pem, out AuthorPublicKey? key, out string? error)
    {
        key = null;
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            error = "no PEM block (-----BEGIN PUBLIC KEY-----) found";
            return false;
        }

        if (pem[fields.Label] is not "PUBLIC KEY")
        {
            error = $"the PEM block is a '{pem[fields.Label]}', not a 'PUBLIC KEY'";
            return false;
        }

        return TryFromSpki(Convert.FromBase64String(pem[fields.Base64Data]), out key, out error);
    }

    /// <summary>Reads a base64 DER SubjectPublicKeyInfo.</summary>
    public static bool TryFromBase64(string? text, out AuthorPublicKey? key, out string? error)
    {
        key = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            error = "the public key is missing or too long";
            return false;
        }

        var der = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, der, out int written))
        {
            error = "the public key is not base64";
            return false;
        }

        return TryFromSpki(der.AsSpan(0, written), out key, out error);
    }

    /// <summary>True when <paramref name="signature"/> is this key's signature over <paramref name="message"/>. Never throws.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        try
        {
            if (Algorithm == AuthorKeyAlgorithm.Ed25519)
            {
                if (signature.Length != Ed25519.SignatureSize)
                {
                    return false;
                }

                var point = new Ed25519PublicKeyParameters(spki.AsSpan(Ed25519SpkiPrefix.Length));
                return point.Verify(Ed25519.Algorithm.Ed25519, null, message, signature);
            }

            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(spki, out _);
            return ecdsa.VerifyData(message, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
