namespace Vigil.Testing;

/// <summary>
/// Where the shared data lives: the folder <c>shared</c> beside the repository (<c>../shared</c> from the
/// folder that holds <c>Vigil.slnx</c>), or the folder named by the environment variable <c>VIGIL_SHARED</c>.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository's root folder (the one holding <c>Vigil.slnx</c>).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The Node.js Security WG's advisory database snapshot.</summary>
    public static string NodejsSecurityWg => Path.Combine(Root, "data", "nodejs-security-wg");

    /// <summary>FIRST's CVSS v4.0 scoring tables.</summary>
    public static string CvssV4 => Path.Combine(Root, "data", "cvss-v4");

    /// <summary>node-semver's fixture tables.</summary>
    public static string NodeSemverFixtures => Path.Combine(Root, "data", "node-semver-fixtures");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find Vigil.slnx above " + AppContext.BaseDirectory);
    }

    private static string FindRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("VIGIL_SHARED");
        string root = string.IsNullOrEmpty(configured)
            ? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"))
            : configured;
        return Directory.Exists(root)
            ? root
            : throw new DirectoryNotFoundException($"The shared data folder is missing: {root} (set VIGIL_SHARED to its location)");
    }
}
