using System.CommandLine;
using Vigil.Audit.Reporting;
using Vigil.Signing.Authors;

namespace Vigil.Cli.Commands.Sign;

/// <summary><c>vigil keygen [--algorithm ed25519|p256] --out &lt;file&gt;</c>: makes an author signing key.</summary>
static class KeygenCommand
{
    public static Command Create()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "The key's algorithm", DefaultValueFactory = _ => "ed25519" };
        algorithm.AcceptOnlyFromAmong("ed25519", "p256");
        var output = new Option<string>("--out") { Description = "The private key's file (PKCS#8 PEM, mode 0600); the public key goes to <file>.pub", Required = true, HelpName = "file" };
        var encrypt = new Option<bool>("--encrypt") { Description = "Encrypt the private key with a passphrase (from --passphrase-file or " + Passphrase.EnvironmentVariable + ")" };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = "The passphrase for --encrypt, on the file's first line", HelpName = "file" };
        var command = new Command("keygen", """
            Make a key for author signatures (vigil sign): an Ed25519 or ECDSA P-256 private key, written unencrypted
            as PKCS#8 PEM readable by you only (mode 0600), and its public key (SPKI PEM) beside it as <file>.pub.
            Register the public key in your Vigil account to have it listed in the keyring. Existing files are never
            overwritten. With --encrypt the private key is written as an encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256,
            600,000 rounds, AES-256-CBC; openssl reads it) under a passphrase of at least 8 characters from
            --passphrase-file or the environment variable VIGIL_KEY_PASSPHRASE (never a command-line value).
            Exit codes: 0 written, 2 usage (also: --encrypt without a passphrase), 3 a file exists or cannot be written.
            """)
        {
            algorithm,
            output,
            encrypt,
            passphraseFile,
        };
        command.SetAction(parse => Run(
            parse.GetRequiredValue(algorithm), parse.GetRequiredValue(output), parse.GetValue(encrypt), parse.GetValue(passphraseFile), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string algorithmName, string path, bool encrypt, string? passphraseFile, TextWriter output)
    {
        if (!AuthorKeyAlgorithms.TryParse(algorithmName, out var algorithm))
        {
            throw new CliException(ExitCodes.Usage, "--algorithm: ed25519 or p256");
        }

        if (passphraseFile is not null && !encrypt)
        {
            throw new CliException(ExitCodes.Usage, "--passphrase-file is for --encrypt");
        }

        string? passphrase = null;
        if (encrypt)
        {
            passphrase = Passphrase.Read(passphraseFile) ?? throw new CliException(ExitCodes.Usage, "--encrypt needs a passphrase: " + Passphrase.Where);
            if (passphrase.Length < Passphrase.MinLength)
            {
                throw new CliException(ExitCodes.Usage, $"--encrypt: the passphrase is shorter than {Passphrase.MinLength} characters");
            }
        }

        string publicPath = path + ".pub";
        foreach (var file in new[] { path, publicPath })
        {
            if (File.Exists(file) || Directory.Exists(file))
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(file)} exists; vigil keygen does not overwrite keys");
            }
        }

        using var key = AuthorPrivateKey.Generate(algorithm);
        try
        {
            KeyFiles.WritePrivate(path, passphrase is null ? key.ToPem() : key.ToEncryptedPem(passphrase));
            KeyFiles.WritePublic(publicPath, key.PublicKey.ToPem());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write the key: {e.Message}");
        }

        output.WriteLine($"{AuthorKeyAlgorithms.Name(algorithm)} key {key.PublicKey.KeyId}");
        output.WriteLine($"  private key: {TerminalText.Clean(path)} ({(passphrase is null ? "keep it secret" : "encrypted with your passphrase")}; mode 0600)");
        output.WriteLine($"  public key:  {TerminalText.Clean(publicPath)}");
        return ExitCodes.Success;
    }
}
