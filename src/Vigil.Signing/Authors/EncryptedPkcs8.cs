using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Signing.Authors;

/// <summary>
/// Passphrase protection of a PKCS#8 key (RFC 8018 PBES2), for any key type alike: an
/// <c>ENCRYPTED PRIVATE KEY</c> (EncryptedPrivateKeyInfo) whose key is derived with PBKDF2 and whose PrivateKeyInfo
/// is encrypted with AES-CBC. Written with PBKDF2-HMAC-SHA256, <see cref="Iterations"/> rounds and AES-256-CBC (as
/// <c>openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256</c>); read with HMAC-SHA1/256/384/512 and
/// AES-128/192/256-CBC, so files made by openssl are read too.
/// </summary>
public static class EncryptedPkcs8
{
    /// <summary>PBKDF2 rounds written (OWASP's figure for PBKDF2-HMAC-SHA256).</summary>
    public const int Iterations = 600_000;

    /// <summary>More rounds than this are refused on reading (a file could otherwise make vigil work for hours).</summary>
    public const int MaxIterations = 10_000_000;

    private const string Pbes2 = "1.2.840.113549.1.5.13";
    private const string Pbkdf2 = "1.2.840.113549.1.5.12";
    private const string HmacSha1 = "1.2.840.113549.2.7";
    private const string HmacSha256 = "1.2.840.113549.2.9";
    private const string HmacSha384 = "1.2.840.113549.2.10";
    private const string HmacSha512 = "1.2.840.113549.2.11";
    private const string Aes128Cbc = "2.16.840.1.101.3.4.1.2";
    private const string Aes192Cbc = "2.16.840.1.101.3.4.1.22";
    private const string Aes256Cbc = "2.16.840.1.101.3.4.1.42";

    /// <summary>The DER of an EncryptedPrivateKeyInfo holding <paramref name="privateKeyInfo"/>, encrypted under <paramref name="passphrase"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> privateKeyInfo, ReadOnlySpan<char> passphrase, int iterations = Iterations)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] password = Utf8(passphrase);
        byte[] key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            byte[] encrypted = aes.EncryptCbc(privateKeyInfo, iv, PaddingMode.PKCS7);
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Pbes2);
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(Pbkdf2);
                            using (writer.PushSequence())
                            {
                                writer.WriteOctetString(salt);
                                writer.WriteInteger(iterations);
                                using (writer.PushSequence())
                                {
                                    writer.WriteObjectIdentifier(HmacSha256);
                                    writer.WriteNull();
                                }
                            }
                        }

                        using (writer.PushSequence())
                        {
                            writer.WriteObjectIdentifier(Aes256Cbc);
                            writer.WriteOctetString(iv);
                        }
                    }
                }

                writer.WriteOctetString(encrypted);
            }

            return writer.Encode();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(password);
        }
    }

    /// <summary>
    /// Decrypts an EncryptedPrivateKeyInfo; false with <paramref name="error"/> for a wrong passphrase (which, with
    /// CBC, cannot be told from a damaged file), an unknown scheme or a malformed structure.
    /// </summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> der, ReadOnlySpan<char> passphrase, out byte[] privateKeyInfo, out string? error)
    {
        privateKeyInfo = [];
        byte[] salt, iv, encrypted;
        int iterations, keyLength;
        HashAlgorithmName prf;
        try
        {
            var outer = new AsnReader(der.ToArray(), AsnEncodingRules.DER);
            var info = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var algorithm = info.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Pbes2)
            {
                error = "the key is encrypted with a scheme other than PBES2 (re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc)";
                return false;
            }

            var parameters = algorithm.ReadSequence();
            var kdf = parameters.ReadSequence();
            if (kdf.ReadObjectIdentifier() != Pbkdf2)
            {
                error = "the key's key derivation is not PBKDF2";
                return false;
            }

            var kdfParameters = kdf.ReadSequence();
            salt = kdfParameters.ReadOctetString();
            if (!kdfParameters.TryReadInt32(out iterations) || iterations < 1 || iterations > MaxIterations)
            {
                error = $"the key's PBKDF2 round count is not between 1 and {MaxIterations}";
                return false;
            }

            if (kdfParameters.HasData && kdfParameters.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                kdfParameters.TryReadInt32(out _); // keyLength: the cipher fixes it
            }

            prf = HashAlgorithmName.SHA1;
            if (kdfParameters.HasData)
            {
                var prfAlgorithm = kdfParameters.ReadSequence();
                string? name = prfAlgorithm.ReadObjectIdentifier() switch
                {
                    HmacSha1 => "SHA1",
                    HmacSha256 => "SHA256",
                    HmacSha384 => "SHA384",
                    HmacSha512 => "SHA512",
                    _ => null,
                };
                if (name is null)
                {
                    error = "the key's PBKDF2 uses an unknown hash";
                    return false;
                }

                prf = new HashAlgorithmName(name);
            }

            var scheme = parameters.ReadSequence();
            keyLength = scheme.ReadObjectIdentifier() switch
            {
                Aes128Cbc => 16,
                Aes192Cbc => 24,
                Aes256Cbc => 32,
                _ => 0,
            };
            if (keyLength == 0)
            {
                error = "the key is encrypted with a cipher other than AES-CBC";
                return false;
            }

            iv = scheme.ReadOctetString();
            encrypted = info.ReadOctetString();
            if (iv.Length != 16 || encrypted.Length == 0 || encrypted.Length % 16 != 0)
            {
                error = "the encrypted key is malformed (its IV or data has the wrong length)";
                return false;
            }
        }
        catch (AsnContentException)
        {
            error = "the encrypted key is not a well-formed EncryptedPrivateKeyInfo";
            return false;
        }

        byte[] password = Utf8(passphrase);
        byte[] key = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, prf, keyLength);
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            privateKeyInfo = aes.DecryptCbc(encrypted, iv, PaddingMode.PKCS7);
            error = null;
            return true;
        }
        catch (CryptographicException)
        {
            error = "wrong passphrase (or a damaged key file)";
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(password);
        }
    }

    private static byte[] Utf8(ReadOnlySpan<char> text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
