using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// npm's registry signature: ECDSA P-256 with SHA-256 over the UTF-8 bytes of <c>name@version:integrity</c>, the
/// signature base64 of its DER encoding, the key base64 of its DER SubjectPublicKeyInfo.
/// </summary>
public static class NpmSignature
{
    /// <summary>The key type and scheme npm's registry publishes.</summary>
    public const string KeyType = "ecdsa-sha2-nistp256";

    /// <summary>The signed message.</summary>
    public static byte[] Message(string name, string version, string integrity) => Encoding.UTF8.GetBytes($"{name}@{version}:{integrity}");

    /// <summary>True when <paramref name="signature"/> (base64 DER) is <paramref name="key"/>'s over the message; false for anything malformed.</summary>
    public static bool Verify(ReadOnlySpan<byte> message, string signature, RegistryKey key)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(key);
        if (signature.Length > 1024 || key.PublicKey.Length > 4096)
        {
            return false;
        }

        var sig = new byte[signature.Length];
        var spki = new byte[key.PublicKey.Length];
        if (!Convert.TryFromBase64String(signature, sig, out int sigLength) || !Convert.TryFromBase64String(key.PublicKey, spki, out int spkiLength))
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(spki.AsSpan(0, spkiLength), out int read);
            if (read != spkiLength || ecdsa.KeySize != 256)
            {
                return false;
            }

            return ecdsa.VerifyData(message, sig.AsSpan(0, sigLength), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            // A key that is no P-256 point (a curve OpenSSL does not know, a point off the curve).
            return false;
        }
    }

    /// <summary>npm's key id of a public key: <c>SHA256:</c> and the unpadded base64 of the SHA-256 of its DER SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo)).TrimEnd('=');
}
