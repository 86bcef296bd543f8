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

        // On the stack: a run verifies thousands (the length is bounded above).
        Span<byte> sig = stackalloc byte[1024];
        if (!Convert.TryFromBase64String(signature, sig, out int sigLength))
        {
            return false;
        }

        try
        {
            return ImportedKey(key.PublicKey) is { } ecdsa
                && ecdsa.VerifyData(message, sig[..sigLength], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    // Keys imported once per thread (a run verifies thousands of signatures with one or two keys); null for a key
    // that is no P-256 public key.
    [ThreadStatic]
    private static Dictionary<string, ECDsa?>? _imported;

    private static ECDsa? ImportedKey(string publicKey)
    {
        _imported ??= new Dictionary<string, ECDsa?>(StringComparer.Ordinal);
        if (_imported.TryGetValue(publicKey, out var known))
        {
            return known;
        }

        if (_imported.Count >= 64)
        {
            foreach (var old in _imported.Values)
            {
                old?.Dispose();
            }

            _imported.Clear();
        }

        var spki = new byte[publicKey.Length];
        ECDsa? ecdsa = null;
        if (Convert.TryFromBase64String(publicKey, spki, out int spkiLength))
        {
            var created = ECDsa.Create();
            try
            {
                created.ImportSubjectPublicKeyInfo(spki.AsSpan(0, spkiLength), out int read);
                // Only the canonical encoding: a key whose bytes differ (a BIT STRING's unused-bits byte, say) is
                // another key, even where a lenient reader would take it for the same point.
                if (read == spkiLength && created.KeySize == 256 && created.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(spki.AsSpan(0, spkiLength)))
                {
                    ecdsa = created;
                }
            }
            catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
            {
                // A key that is no P-256 point (a curve OpenSSL does not know, a point off the curve).
            }

            if (ecdsa is null)
            {
                created.Dispose();
            }
        }

        _imported[publicKey] = ecdsa;
        return ecdsa;
    }

    /// <summary>npm's key id of a public key: <c>SHA256:</c> and the unpadded base64 of the SHA-256 of its DER SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(subjectPublicKeyInfo)).TrimEnd('=');
}
