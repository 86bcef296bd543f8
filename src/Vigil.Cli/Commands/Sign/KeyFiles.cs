using Vigil.Audit.Reporting;
using Vigil.Signing.Authors;

namespace Vigil.Cli.Commands.Sign;

/// <summary>Reading and writing key files: private keys readable by their owner only, as ssh insists.</summary>
static class KeyFiles
{
    /// <summary>Key files larger than this are not key files.</summary>
    private const int MaxKeyFileBytes = 64 * 1024;

    /// <summary>Writes a private key to a new file, created with mode 0600 (never readable by others, not even for a moment).</summary>
    public static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new StreamWriter(new FileStream(path, options));
        file.Write(pem);
    }

    /// <summary>Writes a public key to a new file.</summary>
    public static void WritePublic(string path, string pem)
    {
        using var file = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write));
        file.Write(pem);
    }

    /// <summary>
    /// Reads a private key, refusing one that others may read (exit code 3); an encrypted one with
    /// <paramref name="passphrase"/> (none given: exit code 2; a wrong one: exit code 3).
    /// </summary>
    public static AuthorPrivateKey ReadPrivate(string path, string? passphrase)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"no such key file: {TerminalText.Clean(path)}");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((mode & others) != 0)
            {
                throw new CliException(ExitCodes.UnreadableInput,
                    $"{TerminalText.Clean(path)}: the private key file may be read by others (mode {Convert.ToString((int)mode, 8)}); make it 0600 (chmod 600)");
            }
        }

        if (!AuthorPrivateKey.TryFromPem(ReadSmall(path), passphrase, out var key, out var error, out bool needsPassphrase))
        {
            throw needsPassphrase
                ? new CliException(ExitCodes.Usage, $"{TerminalText.Clean(path)}: the private key is encrypted; {Passphrase.Where}")
                : new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(path)}: {error}");
        }

        return key!;
    }

    /// <summary>Reads a public key (<c>PUBLIC KEY</c> PEM).</summary>
    public static AuthorPublicKey ReadPublic(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"no such key file: {TerminalText.Clean(path)}");
        }

        return AuthorPublicKey.TryFromPem(ReadSmall(path), out var key, out var error)
            ? key!
            : throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(path)}: {error}");
    }

    private static string ReadSmall(string path)
    {
        if (new FileInfo(path).Length > MaxKeyFileBytes)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{TerminalText.Clean(path)}: larger than {MaxKeyFileBytes} bytes, not a key file");
        }

        return File.ReadAllText(path);
    }
}
