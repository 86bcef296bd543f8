using System.Security.Cryptography;
using Vigil.Signing.Registry;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Registry;

/// <summary>The bar for npm's signature scheme: valid signatures verify; any altered byte of message, signature or key fails.</summary>
public sealed class NpmSignatureTests
{
    private const string Integrity = "sha512-MmqIIuhVVnl7wGIk1aBvyS9ok6Io8KBOSSFgwvXYdKETdVHEkyKVdcIEhF4kaQkrlGjh03BhdkgHHKl7dmRkRA==";

    private static (RegistryKey Key, byte[] Message, byte[] Signature) Signed(ECDsa ecdsa)
    {
        byte[] spki = ecdsa.ExportSubjectPublicKeyInfo();
        var key = new RegistryKey(NpmSignature.KeyIdOf(spki), NpmSignature.KeyType, NpmSignature.KeyType, Convert.ToBase64String(spki), null);
        byte[] message = NpmSignature.Message("@scope/pkg", "1.2.3", Integrity);
        return (key, message, ecdsa.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Every_valid_signature_verifies()
    {
        for (int i = 0; i < 50; i++)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var (key, message, signature) = Signed(ecdsa);
            Assert.True(NpmSignature.Verify(message, Convert.ToBase64String(signature), key));
        }
    }

    [Fact]
    public void The_message_is_name_at_version_colon_integrity_in_utf8() =>
        Assert.Equal("@scope/pkg@1.2.3:" + Integrity, System.Text.Encoding.UTF8.GetString(NpmSignature.Message("@scope/pkg", "1.2.3", Integrity)));

    [Fact]
    public void Every_altered_byte_of_the_message_fails()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (key, message, signature) = Signed(ecdsa);
        string sig = Convert.ToBase64String(signature);
        for (int i = 0; i < message.Length; i++)
        {
            byte[] altered = (byte[])message.Clone();
            altered[i] ^= 0x01;
            Assert.False(NpmSignature.Verify(altered, sig, key), $"message byte {i}");
        }
    }

    [Fact]
    public void Every_altered_byte_of_the_signature_fails()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (key, message, signature) = Signed(ecdsa);
        for (int i = 0; i < signature.Length; i++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80 })
            {
                byte[] altered = (byte[])signature.Clone();
                altered[i] ^= flip;
                Assert.False(NpmSignature.Verify(message, Convert.ToBase64String(altered), key), $"signature byte {i} ^ {flip}");
            }
        }
    }

    [Fact]
    public void Every_altered_byte_of_the_key_fails()
    {
        for (int round = 0; round < 8; round++)
        {
            // Several keys: whether a lenient reader takes an altered byte for the same key depends on the key's bits.
            EveryAlteredByteOfTheKeyFails();
        }
    }

    private static void EveryAlteredByteOfTheKeyFails()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (key, message, signature) = Signed(ecdsa);
        byte[] spki = Convert.FromBase64String(key.PublicKey);
        string sig = Convert.ToBase64String(signature);
        for (int i = 0; i < spki.Length; i++)
        {
            byte[] altered = (byte[])spki.Clone();
            altered[i] ^= 0x01;
            Assert.False(NpmSignature.Verify(message, sig, key with { PublicKey = Convert.ToBase64String(altered) }), $"key byte {i}");
        }
    }

    [Fact]
    public void Another_key_or_garbage_fails_without_an_exception()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (key, message, signature) = Signed(ecdsa);
        var (otherKey, _, _) = Signed(other);
        Assert.False(NpmSignature.Verify(message, Convert.ToBase64String(signature), otherKey));
        Assert.False(NpmSignature.Verify(message, "not base64!", key));
        Assert.False(NpmSignature.Verify(message, string.Empty, key));
        Assert.False(NpmSignature.Verify(message, Convert.ToBase64String(signature), key with { PublicKey = "AAAA" }));
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.False(NpmSignature.Verify(message, Convert.ToBase64String(signature), key with { PublicKey = Convert.ToBase64String(p384.ExportSubjectPublicKeyInfo()) }));
    }
}
