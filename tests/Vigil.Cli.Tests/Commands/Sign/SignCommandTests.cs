using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Authors;

namespace Vigil.Cli.Tests.Commands.Sign;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SignCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vigil-sign-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    [Theory]
    [InlineData("ed25519", AuthorKeyAlgorithm.Ed25519)]
    [InlineData("p256", AuthorKeyAlgorithm.EcdsaP256)]
    public void Keygen_writes_a_private_key_only_its_owner_reads_and_the_public_key_beside_it(string name, AuthorKeyAlgorithm algorithm)
    {
        var run = CliRun.Run("keygen", "--algorithm", name, "--out", PathOf("key"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("key")));
        Assert.True(AuthorPublicKey.TryFromPem(File.ReadAllText(PathOf("key.pub")), out var publicKey, out _));
        Assert.Equal(algorithm, publicKey!.Algorithm);
        Assert.Contains(publicKey.KeyId, run.Output);
        Assert.DoesNotContain("PRIVATE", run.Output);

        var again = CliRun.Run("keygen", "--out", PathOf("key"));
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("does not overwrite", again.Error);
    }

    [Fact]
    public void A_tarball_is_signed_with_its_integrity_and_its_package_json_name_and_version()
    {
        Assert.Equal(0, CliRun.Run("keygen", "--out", PathOf("key")).ExitCode);
        string tarball = WriteTarball(PathOf("pkg.tgz"), """{"name": "@scope/pkg", "version": "2.0.1"}""");
        var run = CliRun.Run("sign", tarball, "--key", PathOf("key"), "--out", PathOf("pkg.sig"));
        Assert.True(run.ExitCode == 0, run.Error);

        Assert.True(AuthorSignature.TryParse(File.ReadAllBytes(PathOf("pkg.sig")), out var signature, out var error), error);
        Assert.Equal("@scope/pkg", signature!.Name);
        Assert.Equal("2.0.1", signature.Version);
        Assert.Equal("sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(tarball))), signature.Integrity);
        AuthorPublicKey.TryFromPem(File.ReadAllText(PathOf("key.pub")), out var publicKey, out _);
        Assert.True(signature.VerifiesWith(publicKey!));
    }

    [Fact]
    public void An_integrity_is_signed_with_the_name_and_version_given_and_printed()
    {
        Assert.Equal(0, CliRun.Run("keygen", "--algorithm", "p256", "--out", PathOf("key")).ExitCode);
        string integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("x")));
        Assert.Equal(2, CliRun.Run("sign", integrity, "--key", PathOf("key")).ExitCode);
        var run = CliRun.Run("sign", integrity, "--key", PathOf("key"), "--name", "left-pad", "--version", "1.0.0");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(AuthorSignature.TryParse(Encoding.UTF8.GetBytes(run.Output), out var signature, out _));
        Assert.Equal(("left-pad", "1.0.0", integrity), (signature!.Name, signature.Version, signature.Integrity));
    }

    [Fact]
    public void A_private_key_others_can_read_is_refused()
    {
        Assert.Equal(0, CliRun.Run("keygen", "--out", PathOf("key")).ExitCode);
        File.SetUnixFileMode(PathOf("key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var run = CliRun.Run("sign", "--challenge", "abc", "--key", PathOf("key"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("chmod 600", run.Error);
    }

    [Fact]
    public void A_challenge_is_signed_for_the_key_that_signs_it()
    {
        Assert.Equal(0, CliRun.Run("keygen", "--out", PathOf("key")).ExitCode);
        var run = CliRun.Run("sign", "--challenge", "the-challenge", "--key", PathOf("key"));
        Assert.True(run.ExitCode == 0, run.Error);
        AuthorPublicKey.TryFromPem(File.ReadAllText(PathOf("key.pub")), out var publicKey, out _);
        var signature = Convert.FromBase64String(run.Output.Trim());
        Assert.True(publicKey!.Verify(SignedMessage.ForKeyChallenge("the-challenge", publicKey.KeyId), signature));
        Assert.False(publicKey.Verify(SignedMessage.ForKeyChallenge("another", publicKey.KeyId), signature));
    }

    [Fact]
    public void Bad_tarballs_and_missing_keys_are_clear_errors()
    {
        Assert.Equal(0, CliRun.Run("keygen", "--out", PathOf("key")).ExitCode);
        File.WriteAllText(PathOf("not.tgz"), "plain text");
        var run = CliRun.Run("sign", PathOf("not.tgz"), "--key", PathOf("key"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("not a gzipped tar archive", run.Error);

        string noManifest = WriteTarball(PathOf("empty.tgz"), null);
        run = CliRun.Run("sign", noManifest, "--key", PathOf("key"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no package/package.json", run.Error);

        string bad = WriteTarball(PathOf("bad.tgz"), "{\"name\": ");
        run = CliRun.Run("sign", bad, "--key", PathOf("key"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("package/package.json is not valid JSON", run.Error);

        string whole = WriteTarball(PathOf("whole.tgz"), """{"name": "a", "version": "1.0.0"}""");
        File.WriteAllBytes(PathOf("cut.tgz"), File.ReadAllBytes(whole)[..40]);
        run = CliRun.Run("sign", PathOf("cut.tgz"), "--key", PathOf("key"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cut.tgz", run.Error);

        run = CliRun.Run("sign", noManifest, "--key", PathOf("missing"));
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("no such key file", run.Error);
        Assert.Empty(run.Output);
    }

    private static string WriteTarball(string path, string? packageJson)
    {
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            var readme = new UstarTarEntry(TarEntryType.RegularFile, "package/README.md") { DataStream = new MemoryStream("hi"u8.ToArray()) };
            tar.WriteEntry(readme);
            if (packageJson is not null)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "package/package.json") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(packageJson)) });
            }
        }

        return path;
    }
}
