using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Sign;

/// <summary>
/// The passphrase of an encrypted key file: from <c>--passphrase-file FILE</c> (its first line), else the environment
/// variable <see cref="EnvironmentVariable"/>; never from a command-line value (other users see those in the process
/// list) and never printed.
/// </summary>
static class Passphrase
{
    /// <summary>The environment variable holding the passphrase.</summary>
    public const string EnvironmentVariable = "VIGIL_KEY_PASSPHRASE";

    /// <summary>Shorter passphrases are refused when a key is encrypted.</summary>
    public const int MinLength = 8;

    private const int MaxFileBytes = 4096;

    /// <summary>What to say when a passphrase is needed and none was given.</summary>
    public const string Where = "give it in the environment variable " + EnvironmentVariable + " or with --passphrase-file FILE";

    /// <summary>The passphrase, or null when none was given.</summary>
    public static string? Read(string? file)
    {
        if (file is not null)
        {
            string text;
            try
            {
                var info = new FileInfo(file);
                if (!info.Exists)
                {
                    throw new CliException(ExitCodes.UnreadableInput, $"--passphrase-file: no such file: {TerminalText.Clean(file)}");
                }

                if (info.Length > MaxFileBytes)
                {
                    throw new CliException(ExitCodes.UnreadableInput, $"--passphrase-file: {TerminalText.Clean(file)} is larger than {MaxFileBytes} bytes, not a passphrase");
                }

                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"--passphrase-file: {TerminalText.Clean(file)} cannot be read: {e.Message}");
            }

            // The first line, as `openssl -passin file:` reads it.
            int end = text.IndexOfAny(['\r', '\n']);
            string line = end < 0 ? text : text[..end];
            return line.Length > 0 ? line : throw new CliException(ExitCodes.Usage, $"--passphrase-file: {TerminalText.Clean(file)} holds no passphrase on its first line");
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }
}
