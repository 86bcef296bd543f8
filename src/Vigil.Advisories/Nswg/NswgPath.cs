using System.Globalization;

namespace Vigil.Advisories.Nswg;

/// <summary>Where WG records live: <c>core/N.json</c>, <c>npm/N.json</c>, <c>deps/N.json</c>; <c>index.json</c> files are generated indexes.</summary>
public static class NswgPath
{
    private static readonly (string Folder, NswgKind Kind)[] Folders =
        [("core", NswgKind.Core), ("npm", NswgKind.Npm), ("deps", NswgKind.Deps)];

    /// <summary>
    /// The kind of the record at <paramref name="path"/>, from the name of the folder holding it
    /// (<c>core</c>, <c>npm</c>, <c>deps</c>); false for <c>index.json</c>, for files not ending in <c>.json</c>
    /// and for other folders. Both <c>/</c> and <c>\</c> separate folders.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool TryGetKind(string path, out NswgKind kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        kind = default;
        var parts = path.Split('/', '\\');
        if (parts.Length < 2 || IsIndexFile(path) || !parts[^1].EndsWith(".json", StringComparison.Ordinal) || parts[^1].Length == 5)
        {
            return false;
        }

        foreach (var (folder, folderKind) in Folders)
        {
            if (string.Equals(parts[^2], folder, StringComparison.Ordinal))
            {
                kind = folderKind;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the file is a generated <c>index.json</c>, which is not a record.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static bool IsIndexFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return string.Equals(path.Split('/', '\\')[^1], "index.json", StringComparison.Ordinal);
    }

    /// <summary>
    /// The record files under a WG <c>vuln</c> folder (one holding <c>core</c>, <c>npm</c> and <c>deps</c>):
    /// core, then npm, then deps, each in the order of the file names' numbers. Missing folders are skipped.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="root"/> is null.</exception>
    /// <exception cref="IOException">A folder cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">A folder cannot be listed.</exception>
    public static IReadOnlyList<string> EnumerateRecordFiles(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var files = new List<string>();
        foreach (var (folder, _) in Folders)
        {
            var directory = Path.Combine(root, folder);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            files.AddRange(Directory.EnumerateFiles(directory, "*.json")
                .Where(path => TryGetKind(path, out _))
                .OrderBy(NumberOf)
                .ThenBy(path => path, StringComparer.Ordinal));
        }

        return files;
    }

    /// <summary>The number N of a file named <c>N.json</c>, or null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static long? FileNumber(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = path.Split('/', '\\')[^1];
        if (!name.EndsWith(".json", StringComparison.Ordinal))
        {
            return null;
        }

        var stem = name[..^5];
        return stem.Length > 0 && stem.All(char.IsAsciiDigit)
            && long.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }

    private static long NumberOf(string path) => FileNumber(path) ?? long.MaxValue;
}
