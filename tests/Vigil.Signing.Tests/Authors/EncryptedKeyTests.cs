using Vigil.Signing.Authors;

namespace Vigil.Signing.Tests.Authors;

/// <summary>Passphrase-protected key files (PBES2), checked against openssl both ways.</summary>
public sealed class EncryptedKeyTests
{
    private const string Passphrase = "correct horse battery staple";

    [Theory]
    [InlineData(AuthorKeyAlgorithm.Ed25519)]
    [InlineData(AuthorKeyAlgorithm.EcdsaP256)]
    public void An_encrypted_key_opens_with_its_passphrase_only_and_openssl_reads_it_as_pbes2_aes256_sha256(AuthorKeyAlgorithm algorithm)
    {
        using var folder = new TempFolder();
        using var key = AuthorPrivateKey.Generate(algorithm);
        string pem = key.ToEncryptedPem(Passphrase);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", pem, StringComparison.Ordinal);
        Assert.DoesNotContain(Passphrase, pem, StringComparison.Ordinal);

        Assert.True(AuthorPrivateKey.TryFromPem(pem, Passphrase, out var opened, out string? error, out _), error);
        Assert.Equal(key.PublicKey.KeyId, opened!.PublicKey.KeyId);
        opened.Dispose();

        Assert.False(AuthorPrivateKey.TryFromPem(pem, Passphrase + "!", out _, out error, out bool needs));
        Assert.False(needs);
        Assert.Contains("wrong passphrase", error, StringComparison.Ordinal);
        Assert.False(AuthorPrivateKey.TryFromPem(pem, null, out _, out error, out needs));
        Assert.True(needs);
        Assert.False(AuthorPrivateKey.TryFromPem(pem, out _, out _));

        // openssl decrypts it with the passphrase and finds the same public key, and names the scheme.
        string file = Path.Combine(folder.Path, "key.pem"), pass = Path.Combine(folder.Path, "pass"), pub = Path.Combine(folder.Path, "key.pub");
        File.WriteAllText(file, pem);
        File.WriteAllText(pass, Passphrase + "\n");
        AuthorKeyTests.OpenSsl("pkey", "-in", file, "-passin", "file:" + pass, "-pubout", "-out", pub);
        Assert.True(AuthorPublicKey.TryFromPem(File.ReadAllText(pub), out var fromOpenSsl, out error), error);
        Assert.Equal(key.PublicKey.KeyId, fromOpenSsl!.KeyId);
        string structure = AuthorKeyTests.OpenSslOutput("asn1parse", "-in", file);
        Assert.Contains("PBES2", structure, StringComparison.Ordinal);
        Assert.Contains("hmacWithSHA256", structure, StringComparison.Ordinal);
        Assert.Contains("aes-256-cbc", structure, StringComparison.Ordinal);
        Assert.Contains(":0927C0", structure, StringComparison.Ordinal); // 600,000 rounds
    }

    [Theory]
    [InlineData("ED25519", "aes-128-cbc", "hmacWithSHA512")]
    [InlineData("EC", "aes-256-cbc", "hmacWithSHA256")]
    public void A_key_openssl_encrypted_is_read(string opensslAlgorithm, string cipher, string prf)
    {
        using var folder = new TempFolder();
        string plain = Path.Combine(folder.Path, "plain.pem"), encrypted = Path.Combine(folder.Path, "enc.pem"), pass = Path.Combine(folder.Path, "pass");
        File.WriteAllText(pass, Passphrase);
        if (opensslAlgorithm == "EC")
        {
            AuthorKeyTests.OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", plain);
        }
        else
        {
            AuthorKeyTests.OpenSsl("genpkey", "-algorithm", opensslAlgorithm, "-out", plain);
        }

        AuthorKeyTests.OpenSsl("pkcs8", "-topk8", "-in", plain, "-out", encrypted, "-v2", cipher, "-v2prf", prf, "-iter", "2000", "-passout", "file:" + pass);
        Assert.True(AuthorPrivateKey.TryFromPem(File.ReadAllText(plain), out var expected, out string? error), error);
        Assert.True(AuthorPrivateKey.TryFromPem(File.ReadAllText(encrypted), Passphrase, out var read, out error, out _), error);
        Assert.Equal(expected!.PublicKey.KeyId, read!.PublicKey.KeyId);
        expected.Dispose();
        read.Dispose();
    }

    [Fact]
    public void Malformed_or_unsupported_encrypted_keys_are_refused_with_a_reason()
    {
        using var key = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        string pem = key.ToEncryptedPem(Passphrase, iterations: 1000);
        string body = pem.Split('\n')[1];
        string cut = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body[..40] + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        Assert.False(AuthorPrivateKey.TryFromPem(cut, Passphrase, out _, out string? error, out _));
        Assert.Contains("EncryptedPrivateKeyInfo", error, StringComparison.Ordinal);

        string unencrypted = key.ToPem().Replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY", StringComparison.Ordinal);
        Assert.False(AuthorPrivateKey.TryFromPem(unencrypted, Passphrase, out _, out error, out _));
        Assert.NotNull(error);
    }
}
