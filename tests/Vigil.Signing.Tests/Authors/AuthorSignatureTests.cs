using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Authors;
using Vigil.Signing.Integrity;

namespace Vigil.Signing.Tests.Authors;

public class AuthorSignatureTests
{
    private static readonly DateTimeOffset Signed = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    internal static IntegrityValue IntegrityOf(string content)
    {
        Assert.True(IntegrityValue.TryParse("sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(content))), out var value, out _));
        return value!;
    }

    [Theory]
    [InlineData(AuthorKeyAlgorithm.Ed25519)]
    [InlineData(AuthorKeyAlgorithm.EcdsaP256)]
    public void A_signature_survives_its_file_and_verifies(AuthorKeyAlgorithm algorithm)
    {
        using var key = AuthorPrivateKey.Generate(algorithm);
        var signature = AuthorSignature.Create(key, "@scope/left-pad", "1.3.0", IntegrityOf("tarball"), Signed.AddMilliseconds(700));
        Assert.True(AuthorSignature.TryParse(Encoding.UTF8.GetBytes(signature.ToJson()), out var read, out var error), error);
        Assert.Equal(Signed, read!.Created);
        Assert.Equal(AuthorKeyAlgorithms.Name(algorithm), algorithm == AuthorKeyAlgorithm.Ed25519 ? "ed25519" : "ecdsa-p256");
        Assert.True(read.VerifiesWith(key.PublicKey));
        using var other = AuthorPrivateKey.Generate(algorithm);
        Assert.False(read.VerifiesWith(other.PublicKey));
    }

    [Theory]
    [InlineData(AuthorKeyAlgorithm.Ed25519)]
    [InlineData(AuthorKeyAlgorithm.EcdsaP256)]
    public void Any_changed_field_or_signature_byte_fails(AuthorKeyAlgorithm algorithm)
    {
        using var key = AuthorPrivateKey.Generate(algorithm);
        var signature = AuthorSignature.Create(key, "left-pad", "1.3.0", IntegrityOf("tarball"), Signed);
        Assert.True(signature.VerifiesWith(key.PublicKey));
        Assert.False((signature with { Name = "left-pae" }).VerifiesWith(key.PublicKey));
        Assert.False((signature with { Version = "1.3.1" }).VerifiesWith(key.PublicKey));
        Assert.False((signature with { Integrity = IntegrityOf("other").ToString() }).VerifiesWith(key.PublicKey));
        Assert.False((signature with { Created = Signed.AddSeconds(1) }).VerifiesWith(key.PublicKey));
        for (int i = 0; i < signature.Signature.Length; i++)
        {
            var bytes = (byte[])signature.Signature.Clone();
            bytes[i] ^= 0x01;
            Assert.False((signature with { Signature = bytes }).VerifiesWith(key.PublicKey), $"byte {i} changed");
        }
    }

    [Fact]
    public void Fields_cannot_run_into_each_other()
    {
        // name "a" version "b1" and name "ab" version "1" would be one string if the fields were just joined.
        Assert.NotEqual(
            SignedMessage.ForAuthorSignature("a", "b1", "i", "k", "t"),
            SignedMessage.ForAuthorSignature("ab", "1", "i", "k", "t"));
        Assert.NotEqual(
            SignedMessage.Encode(SignedMessage.AuthorSignatureDomain, "x"),
            SignedMessage.Encode(SignedMessage.KeyChallengeDomain, "x"));
    }

    [Fact]
    public void A_signature_is_never_a_keyring_or_challenge_signature()
    {
        using var key = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        var challenge = key.Sign(SignedMessage.ForKeyChallenge("c", key.PublicKey.KeyId));
        var signature = AuthorSignature.Create(key, "c", "1.0.0", IntegrityOf("x"), Signed) with { Signature = challenge };
        Assert.False(signature.VerifiesWith(key.PublicKey));
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"format\":\"other\"}", "'format'")]
    [InlineData("{\"format\":\"vigil-author-signature\",\"formatVersion\":2}", "'formatVersion'")]
    [InlineData("{\"format\":\"vigil-author-signature\",\"formatVersion\":1,\"algorithm\":\"rsa\"}", "'algorithm'")]
    [InlineData("{\"format\":\"vigil-author-signature\",\"formatVersion\":1,\"algorithm\":\"ed25519\",\"keyId\":\"SHA256:x\",\"name\":\"a b\",\"version\":\"1\"}", "'name' or 'version'")]
    [InlineData("{\"format\":", "not valid JSON")]
    public void Broken_files_name_the_field(string json, string expected)
    {
        Assert.False(AuthorSignature.TryParse(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Integrity_without_sha512_cannot_be_signed()
    {
        using var key = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        Assert.True(IntegrityValue.TryParse("sha256-" + Convert.ToBase64String(new byte[32]), out var sha256, out _));
        Assert.Throws<ArgumentException>(() => AuthorSignature.Create(key, "a", "1.0.0", sha256!, Signed));
    }
}
