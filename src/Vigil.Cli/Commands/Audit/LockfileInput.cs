using Vigil.Audit.Reporting;
using Vigil.Lockfiles;

namespace Vigil.Cli.Commands.Audit;

/// <summary>Reads the lockfile a command line names, turning failures into the documented exit codes.</summary>
static class LockfileInput
{
    public static Lockfile Read(string path, Action<IReadOnlySet<string>>? namesKnown = null)
    {
        var result = LockfileReaders.Read(path, namesKnown);
        if (result.Succeeded)
        {
            return result.Lockfile;
        }

        var error = result.Error;
        int code = error.Kind == LockfileErrorKind.NotFound && Directory.Exists(path) ? ExitCodes.NoLockfile : ExitCodes.UnreadableInput;
        throw new CliException(code, TerminalText.Clean(error.ToString()));
    }

    /// <summary>The folder of the project a lockfile (or folder) belongs to.</summary>
    public static string ProjectFolder(string path) =>
        Directory.Exists(path) && Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path))) != "node_modules"
            ? path
            : Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
}
