using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Authors;
using Passphrase = Vigil.Cli.Commands.Sign.Passphrase;

namespace Vigil.Cli.Tests.Commands.Sign;

/// <summary><c>vigil keygen --encrypt</c> and <c>vigil sign</c> with an encrypted key: the passphrase from a file or the environment, never printed.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EncryptedKeyCommandTests : IDisposable
{
    private const string Secret = "tr0ub4dor&3-but-longer";
    private readonly string folder = Directory.CreateTempSubdirectory("vigil-sign-enc-").FullName;
    private readonly string integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes("x")));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    private CliResult Sign(params string[] more) =>
        CliRun.Run(["sign", integrity, "--key", PathOf("key"), "--name", "left-pad", "--version", "1.0.0", .. more]);

    [Theory]
    [InlineData("ed25519")]
    [InlineData("p256")]
    public void A_key_made_with_encrypt_signs_with_the_passphrase_file_and_refuses_a_wrong_or_missing_one(string algorithm)
    {
        File.WriteAllText(PathOf("pass"), Secret + "\n");
        var made = CliRun.Run("keygen", "--algorithm", algorithm, "--encrypt", "--passphrase-file", PathOf("pass"), "--out", PathOf("key"));
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(PathOf("key")), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("key")));
        Assert.DoesNotContain(Secret, made.Output + made.Error, StringComparison.Ordinal);

        var signed = Sign("--passphrase-file", PathOf("pass"));
        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.True(AuthorSignature.TryParse(Encoding.UTF8.GetBytes(signed.Output), out var signature, out _));
        Assert.True(AuthorPublicKey.TryFromPem(File.ReadAllText(PathOf("key.pub")), out var publicKey, out _));
        Assert.True(signature!.VerifiesWith(publicKey!));

        File.WriteAllText(PathOf("wrong"), "not-the-passphrase\n");
        var wrong = Sign("--passphrase-file", PathOf("wrong"));
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("wrong passphrase", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-passphrase", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrong.Error, StringComparison.Ordinal);

        var missing = Sign();
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("encrypted", missing.Error, StringComparison.Ordinal);
        Assert.Contains(Passphrase.EnvironmentVariable, missing.Error, StringComparison.Ordinal);

        var challenge = CliRun.Run("sign", "--challenge", "vigil-challenge-x", "--key", PathOf("key"), "--passphrase-file", PathOf("pass"));
        Assert.True(challenge.ExitCode == 0, challenge.Error);
    }

    [Fact]
    public void The_passphrase_comes_from_the_environment_when_no_file_is_given()
    {
        // The variable is the process's: set only around these runs. Other tests' keys are unencrypted, and an
        // unencrypted key ignores a passphrase, so a test running at the same time is not affected.
        Environment.SetEnvironmentVariable(Passphrase.EnvironmentVariable, Secret);
        try
        {
            var made = CliRun.Run("keygen", "--encrypt", "--out", PathOf("key"));
            Assert.True(made.ExitCode == 0, made.Error);
            var signed = Sign();
            Assert.True(signed.ExitCode == 0, signed.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Passphrase.EnvironmentVariable, null);
        }

        Assert.Equal(2, Sign().ExitCode);
    }

    [Fact]
    public void Keygen_encrypt_needs_a_passphrase_of_eight_characters_and_takes_none_on_the_command_line()
    {
        var none = CliRun.Run("keygen", "--encrypt", "--out", PathOf("key"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains(Passphrase.EnvironmentVariable, none.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("key")));

        File.WriteAllText(PathOf("short"), "short\n");
        var tooShort = CliRun.Run("keygen", "--encrypt", "--passphrase-file", PathOf("short"), "--out", PathOf("key"));
        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("shorter than 8", tooShort.Error, StringComparison.Ordinal);

        Assert.Equal(2, CliRun.Run("keygen", "--encrypt", "--passphrase", Secret, "--out", PathOf("key")).ExitCode);
        Assert.Equal(3, CliRun.Run("keygen", "--encrypt", "--passphrase-file", PathOf("absent"), "--out", PathOf("key")).ExitCode);
        Assert.False(File.Exists(PathOf("key")));
    }
}
