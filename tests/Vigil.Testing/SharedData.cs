namespace Vigil.Testing;

/// <summary>
/// Where the shared read-only data lives: the folder <c>shared</c> beside the repository, found by walking up
/// from the test's base directory to the folder holding <c>Vigil.slnx</c>.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> RepositoryRootPath = new(FindRepositoryRoot);

    /// <summary>The repository folder: the one holding <c>Vigil.slnx</c>.</summary>
    public static string RepositoryRoot => RepositoryRootPath.Value;

    /// <summary>The shared data folder, <c>../shared</c> from the repository.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>The Node.js Security WG advisory database snapshot (folders <c>core</c>, <c>npm</c>, <c>deps</c>).</summary>
    public static string NodejsSecurityWg => Existing(Path.Combine(Root, "data", "nodejs-security-wg"));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vigil.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Vigil.slnx.");
    }

    private static string Existing(string path) =>
        Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"The shared data folder {path} is missing.");
}
