using System.CommandLine;
using Vigil.Audit.Reporting;
using Vigil.Signing.Authors;
using Vigil.Signing.Integrity;

namespace Vigil.Cli.Commands.Sign;

/// <summary>
/// <c>vigil sign &lt;tarball.tgz|integrity&gt; --key &lt;file&gt; [--name N --version V] [--out file.sig]</c>: makes a
/// detached author signature; <c>vigil sign --challenge &lt;text&gt; --key &lt;file&gt;</c> signs a key registration challenge.
/// </summary>
static class SignCommand
{
    public static Command Create()
    {
        var target = new Argument<string?>("tarball|integrity") { Description = "A package tarball (.tgz) or its integrity (sha512-…)", Arity = ArgumentArity.ZeroOrOne };
        var key = new Option<string>("--key") { Description = "The private key (from vigil keygen)", Required = true, HelpName = "file" };
        var name = new Option<string?>("--name") { Description = "The package's name (default: the tarball's package.json)" };
        var version = new Option<string?>("--version") { Description = "The package's version (default: the tarball's package.json)" };
        var output = new Option<string?>("--out") { Description = "Write the signature to this file (default: print it)", HelpName = "file.sig" };
        var passphraseFile = new Option<string?>("--passphrase-file") { Description = "An encrypted key's passphrase, on the file's first line (else from " + Passphrase.EnvironmentVariable + ")", HelpName = "file" };
        var challenge = new Option<string?>("--challenge") { Description = "Sign a key registration challenge from the platform instead (prints the signature)", HelpName = "text" };
        var command = new Command("sign", """
            Make a detached author signature (JSON) over a package's name, version and sha512 integrity, with a key
            from vigil keygen. For a tarball the integrity is computed from the file and the name and version are
            read from its package/package.json unless given. With --challenge, sign the challenge the platform shows
            when you register a key (proof that you hold it) and print the base64 signature to paste back.
            An encrypted key (vigil keygen --encrypt) is opened with the passphrase from --passphrase-file or the
            environment variable VIGIL_KEY_PASSPHRASE (never a command-line value).
            Exit codes: 0 signed, 2 usage (also: an encrypted key and no passphrase), 3 the key (or its passphrase
            is wrong), the tarball or the output file cannot be read or written.
            """)
        {
            target,
            key,
            name,
            version,
            output,
            passphraseFile,
            challenge,
        };
        command.SetAction(parse => Run(
            parse.GetValue(target), parse.GetRequiredValue(key), parse.GetValue(name), parse.GetValue(version),
            parse.GetValue(output), parse.GetValue(challenge), parse.GetValue(passphraseFile), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string? target, string keyFile, string? name, string? version, string? outFile, string? challenge, string? passphraseFile, TextWriter output)
    {
        if (challenge is not null)
        {
            if (target is not null || name is not null || version is not null)
            {
                throw new CliException(ExitCodes.Usage, "--challenge signs only the challenge: give no tarball, integrity, --name or --version");
            }

            using var challengeKey = KeyFiles.ReadPrivate(keyFile, Passphrase.Read(passphraseFile));
            output.WriteLine(Convert.ToBase64String(challengeKey.Sign(SignedMessage.ForKeyChallenge(challenge, challengeKey.PublicKey.KeyId))));
            return ExitCodes.Success;
        }

        if (target is null)
        {
            throw new CliException(ExitCodes.Usage, "give a tarball or an integrity to sign (or --challenge)");
        }

        using var privateKey = KeyFiles.ReadPrivate(keyFile, Passphrase.Read(passphraseFile));
        IntegrityValue integrity;
        if (File.Exists(target))
        {
            integrity = TarballFacts.Integrity(target);
            if (name is null || version is null)
            {
                var (packageName, packageVersion) = TarballFacts.NameAndVersion(target);
                name ??= packageName;
                version ??= packageVersion;
            }
        }
        else if (IntegrityValue.TryParse(target, out var given, out var error))
        {
            integrity = given!;
            if (integrity.Sha512 is null)
            {
                throw new CliException(ExitCodes.Usage, "the integrity has no sha512 entry; author signatures are over sha512");
            }

            if (name is null || version is null)
            {
                throw new CliException(ExitCodes.Usage, "signing an integrity needs --name and --version");
            }
        }
        else
        {
            throw new CliException(ExitCodes.UnreadableInput, $"'{TerminalText.Clean(target)}' is neither a file nor an integrity ({error})");
        }

        AuthorSignature signature;
        try
        {
            signature = AuthorSignature.Create(privateKey, name, version, integrity, DateTimeOffset.UtcNow);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"cannot sign {TerminalText.Clean(name)}@{TerminalText.Clean(version)}: {e.Message}");
        }

        if (outFile is null)
        {
            output.Write(signature.ToJson());
            return ExitCodes.Success;
        }

        try
        {
            File.WriteAllText(outFile, signature.ToJson());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write {TerminalText.Clean(outFile)}: {e.Message}");
        }

        output.WriteLine($"signed {TerminalText.Clean(name)}@{TerminalText.Clean(version)} ({signature.Integrity[..20]}…) with {signature.KeyId}: {TerminalText.Clean(outFile)}");
        return ExitCodes.Success;
    }
}
