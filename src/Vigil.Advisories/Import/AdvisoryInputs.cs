using Vigil.Advisories.Nswg;

namespace Vigil.Advisories.Import;

/// <summary>
/// Turns the paths a user names into advisory documents: WG folders and files, OSV files and folders, and OSV
/// zip archives (osv.dev's <c>all.zip</c> layout).
/// </summary>
/// <remarks>
/// A folder holding <c>core/</c>, <c>npm/</c> or <c>deps/</c> is read as a WG database (the generated
/// <c>index.json</c> files are skipped); a file inside such a folder is a WG record of that kind. Any other
/// <c>.json</c> file is an OSV record, except <c>schedule.json</c>, the Node.js release schedule; any other folder
/// is searched for <c>.json</c> files.
/// </remarks>
public static class AdvisoryInputs
{
    private static readonly string[] WorkingGroupFolders = ["core", "npm", "deps"];

    /// <summary>The paths that name neither a file nor a folder.</summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string> paths) =>
        [.. paths.Where(p => !File.Exists(p) && !Directory.Exists(p))];

    /// <summary>Every document under the paths, in a stable order, or the problem that kept one from being read.</summary>
    public static IEnumerable<(AdvisoryDocument? Document, AdvisoryProblem? Problem)> Enumerate(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (string path in paths)
        {
            var items = Directory.Exists(path) ? Folder(path)
                : path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? OsvArchive.Read(path)
                : SingleFile(path);
            foreach (var item in items)
            {
                yield return item;
            }
        }
    }

    private static IEnumerable<(AdvisoryDocument?, AdvisoryProblem?)> Folder(string path)
    {
        IEnumerable<string> files;
        try
        {
            files = WorkingGroupFolders.Any(f => Directory.Exists(Path.Combine(path, f)))
                ? NswgPath.EnumerateRecordFiles(path)
                : Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                    .Where(f => !IsWorkingGroupIndex(f))
                    .Order(StringComparer.Ordinal)
                    .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [(null, new AdvisoryProblem(path, "cannot list the folder: " + e.Message))];
        }

        return files.SelectMany(SingleFile);
    }

    /// <summary>A WG folder's generated <c>index.json</c>: not a record.</summary>
    private static bool IsWorkingGroupIndex(string path) =>
        NswgPath.IsIndexFile(path) && WorkingGroupFolders.Contains(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))));

    private static IEnumerable<(AdvisoryDocument?, AdvisoryProblem?)> SingleFile(string path)
    {
        if (IsWorkingGroupIndex(path))
        {
            yield break;
        }

        if (!path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            yield return (null, new AdvisoryProblem(path, "not an advisory file: expected .json (an OSV or WG record) or .zip (OSV records)"));
            yield break;
        }

        byte[]? bytes = BoundedRead.File(path, out string? error);
        if (bytes is null)
        {
            yield return (null, new AdvisoryProblem(path, error!));
            yield break;
        }

        var format = string.Equals(Path.GetFileName(path), "schedule.json", StringComparison.Ordinal) ? AdvisoryFormat.NodeReleaseSchedule
            : !NswgPath.TryGetKind(path, out var kind) ? AdvisoryFormat.Osv
            : kind switch
            {
                NswgKind.Npm => AdvisoryFormat.NswgNpm,
                NswgKind.Core => AdvisoryFormat.NswgCore,
                _ => AdvisoryFormat.NswgDeps,
            };
        yield return (new AdvisoryDocument(path, format, bytes), null);
    }
}
