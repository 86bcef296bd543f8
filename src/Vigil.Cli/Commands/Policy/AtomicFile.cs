using System.Text;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Policy;

/// <summary>Writes a file whole or not at all: a temporary file beside it, then one rename.</summary>
static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>; replaces an existing file only when <paramref name="replace"/>.</summary>
    public static void Write(string path, string text, bool replace)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        string temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            // Without replace, a file that appeared meanwhile makes the move fail rather than be overwritten.
            File.Move(temporary, path, overwrite: replace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            string why = !replace && File.Exists(path) ? "it exists; --force replaces it" : e.Message;
            throw new CliException(ExitCodes.UnreadableInput, $"cannot write {TerminalText.Clean(path)}: {TerminalText.Fit(why, 160)}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target was not touched.
        }
    }
}
