namespace Vigil.Audit.Reporting;

/// <summary>
/// Finds the line of a lockfile where a package is written, so that code scanning can point at it: the first
/// line with <c>name@version</c> (yarn, pnpm, bun), else <c>node_modules/name"</c> (npm), else <c>"name"</c>;
/// line 1 when none is found or the file cannot be read.
/// </summary>
public sealed class LockfileLines
{
    private readonly string[] _lines;

    private LockfileLines(string[] lines) => _lines = lines;

    /// <summary>Reads the lockfile's lines (none when it is a folder, missing, or too large to be worth it).</summary>
    public static LockfileLines Read(string path)
    {
        try
        {
            return File.Exists(path) && new FileInfo(path).Length <= 64 * 1024 * 1024
                ? new LockfileLines(File.ReadAllLines(path))
                : new LockfileLines([]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LockfileLines([]);
        }
    }

    /// <summary>The 1-based line where the package is written.</summary>
    public int Of(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (string needle in new[] { $"{name}@{version}", $"node_modules/{name}\"", $"\"{name}\"" })
        {
            int index = Array.FindIndex(_lines, line => line.Contains(needle, StringComparison.Ordinal));
            if (index >= 0)
            {
                return index + 1;
            }
        }

        return 1;
    }
}
