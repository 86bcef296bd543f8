namespace Vigil.Cli;

/// <summary>A user-facing failure: its message is printed as is (no stack trace) and the run exits with its code.</summary>
sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
