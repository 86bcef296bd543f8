using System.Diagnostics;
using System.Text;
using Vigil.Signing.Authors;

namespace Vigil.Signing.Tests.Authors;

public class AuthorKeyTests
{
    // RFC 8032 §7.1, test 1: a published test vector, not a key anyone uses.
    private const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptySignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void Ed25519_signs_as_rfc_8032_says()
    {
        byte[] pkcs8 = [.. Convert.FromHexString("302e020100300506032b657004220420"), .. Convert.FromHexString(Rfc8032Seed)];
        string pem = System.Security.Cryptography.PemEncoding.WriteString("PRIVATE KEY", pkcs8);
        Assert.True(AuthorPrivateKey.TryFromPem(pem, out var key, out var error), error);
        Assert.Equal(Rfc8032EmptySignature, Convert.ToHexStringLower(key!.Sign([])));
        Assert.EndsWith(Rfc8032Public, Convert.ToHexStringLower(key.PublicKey.Spki));
        Assert.True(key.PublicKey.Verify([], Convert.FromHexString(Rfc8032EmptySignature)));
    }

    [Theory]
    [InlineData(AuthorKeyAlgorithm.Ed25519)]
    [InlineData(AuthorKeyAlgorithm.EcdsaP256)]
    public void A_key_survives_its_pem_files_and_keeps_its_id(AuthorKeyAlgorithm algorithm)
    {
        using var key = AuthorPrivateKey.Generate(algorithm);
        Assert.True(AuthorPrivateKey.TryFromPem(key.ToPem(), out var again, out var error), error);
        using (again)
        {
            Assert.Equal(key.PublicKey.KeyId, again!.PublicKey.KeyId);
            Assert.Equal(algorithm, again.Algorithm);
        }

        Assert.True(AuthorPublicKey.TryFromPem(key.PublicKey.ToPem(), out var publicKey, out error), error);
        Assert.Equal(key.PublicKey.KeyId, publicKey!.KeyId);
        Assert.Matches("^SHA256:[A-Za-z0-9+/]{43}$", publicKey.KeyId);
        var message = Encoding.UTF8.GetBytes("hello");
        Assert.True(publicKey.Verify(message, key.Sign(message)));
        Assert.False(publicKey.Verify(Encoding.UTF8.GetBytes("hellO"), key.Sign(message)));
    }

    [Theory]
    [InlineData("ed25519", AuthorKeyAlgorithm.Ed25519)]
    [InlineData("EC", AuthorKeyAlgorithm.EcdsaP256)]
    public void Keys_made_by_openssl_are_read_and_its_signatures_verify(string opensslAlgorithm, AuthorKeyAlgorithm expected)
    {
        using var folder = new TempFolder();
        string keyFile = Path.Combine(folder.Path, "key.pem"), pubFile = Path.Combine(folder.Path, "key.pub");
        string data = Path.Combine(folder.Path, "data"), sig = Path.Combine(folder.Path, "data.sig");
        File.WriteAllText(data, "signed by openssl");
        if (expected == AuthorKeyAlgorithm.Ed25519)
        {
            OpenSsl("genpkey", "-algorithm", opensslAlgorithm, "-out", keyFile);
            OpenSsl("pkeyutl", "-sign", "-rawin", "-inkey", keyFile, "-in", data, "-out", sig);
        }
        else
        {
            OpenSsl("genpkey", "-algorithm", opensslAlgorithm, "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyFile);
            OpenSsl("dgst", "-sha256", "-sign", keyFile, "-out", sig, data);
        }

        OpenSsl("pkey", "-in", keyFile, "-pubout", "-out", pubFile);
        Assert.True(AuthorPrivateKey.TryFromPem(File.ReadAllText(keyFile), out var key, out var error), error);
        Assert.True(AuthorPublicKey.TryFromPem(File.ReadAllText(pubFile), out var publicKey, out error), error);
        Assert.Equal(expected, publicKey!.Algorithm);
        Assert.Equal(publicKey.KeyId, key!.PublicKey.KeyId);
        Assert.True(publicKey.Verify(File.ReadAllBytes(data), File.ReadAllBytes(sig)));
        key.Dispose();
    }

    [Fact]
    public void Other_keys_and_broken_pem_are_refused_with_a_reason()
    {
        using var folder = new TempFolder();
        string p384 = Path.Combine(folder.Path, "p384.pem");
        OpenSsl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", p384);
        Assert.False(AuthorPrivateKey.TryFromPem(File.ReadAllText(p384), out _, out var error));
        Assert.Contains("P-256", error);
        Assert.False(AuthorPrivateKey.TryFromPem("not a key", out _, out error));
        Assert.Contains("PEM", error);
        Assert.False(AuthorPublicKey.TryFromBase64("AAAA", out _, out error));
        Assert.NotNull(error);
        Assert.False(AuthorPublicKey.TryFromPem(File.ReadAllText(p384), out _, out error));
        Assert.Contains("not a 'PUBLIC KEY'", error);
    }

    internal static void OpenSsl(params string[] args) => OpenSslOutput(args);

    internal static string OpenSslOutput(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "openssl " + string.Join(' ', args) + ": " + errors);
        return output;
    }
}

/// <summary>A folder under the system's temporary folder, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("vigil-authors-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
