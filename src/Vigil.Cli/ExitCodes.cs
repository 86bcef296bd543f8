namespace Vigil.Cli;

/// <summary>The exit codes of <c>vigil</c> (docs/adr/0004-cli-exit-codes.md).</summary>
static class ExitCodes
{
    /// <summary>Success; nothing found.</summary>
    public const int Success = 0;

    /// <summary>Findings, validation errors, or the record asked for does not exist.</summary>
    public const int Findings = 1;

    /// <summary>Unknown command or option, bad option value.</summary>
    public const int Usage = 2;

    /// <summary>A file or folder is missing, unreadable, or not in a format Vigil reads.</summary>
    public const int UnreadableInput = 3;

    /// <summary>The database cannot be opened, is corrupt, or is from a newer Vigil.</summary>
    public const int Database = 4;

    /// <summary><c>vigil node</c>: the runtime's release line is past its end of life, and no advisory affects it.</summary>
    public const int EndOfLife = 5;

    /// <summary><c>vigil audit</c>, <c>vigil deps</c>: the folder holds no lockfile (and no <c>node_modules</c>).</summary>
    public const int NoLockfile = 6;

    /// <summary>A bug.</summary>
    public const int Internal = 70;
}
