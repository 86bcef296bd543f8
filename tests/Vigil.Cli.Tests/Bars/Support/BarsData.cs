using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>
/// The projects the bars run on: this folder's own (<c>Bars/testdata/npm/&lt;project&gt;</c>, resolved by the real npm;
/// <c>Bars/testdata/clients/&lt;project&gt;/&lt;client&gt;</c>, the same projects resolved by the other clients) and the
/// shared corpus (<c>shared/corpus/&lt;project&gt;/&lt;client&gt;</c>, manifests in the project's folder).
/// </summary>
internal static class BarsData
{
    public static readonly string[] Clients = ["npm", "yarn1", "yarn4", "pnpm", "bun"];

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Bars", "testdata");

    public static string Corpus => Path.Combine(SharedData.Root, "corpus");

    /// <summary>This folder's npm projects, by name.</summary>
    public static IEnumerable<string> OwnProjects => Names(Path.Combine(Folder, "npm"));

    /// <summary>The shared corpus's projects, named <c>corpus/&lt;project&gt;</c>.</summary>
    public static IEnumerable<string> CorpusProjects => Names(Corpus).Select(n => "corpus/" + n);

    /// <summary>This folder's projects that every client resolved.</summary>
    public static IEnumerable<string> OwnClientProjects => Names(Path.Combine(Folder, "clients"));

    /// <summary>The folder holding a project's manifests (<c>package.json</c>, <c>packages/*/package.json</c>).</summary>
    public static string ManifestFolder(string project) => IsCorpus(project)
        ? Path.Combine(Corpus, project["corpus/".Length..])
        : Path.Combine(Folder, "npm", project);

    /// <summary>The folder holding one client's lockfile of a project.</summary>
    public static string LockfileFolder(string project, string client) => (IsCorpus(project), client) switch
    {
        (true, _) => Path.Combine(ManifestFolder(project), client),
        (false, "npm") => ManifestFolder(project),
        _ => Path.Combine(Folder, "clients", project, client),
    };

    /// <summary>
    /// Lays a project out in <paramref name="target"/> as its client left it: the manifests, then the files of the
    /// client's lockfile folder (the lockfile, and <c>pnpm-workspace.yaml</c> for pnpm workspaces).
    /// </summary>
    public static void Lay(string project, string client, string target)
    {
        string source = ManifestFolder(project);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(target, "package.json"));
        string packages = Path.Combine(source, "packages");
        if (Directory.Exists(packages))
        {
            foreach (string manifest in Directory.EnumerateFiles(packages, "package.json", SearchOption.AllDirectories))
            {
                string copy = Path.Combine(target, Path.GetRelativePath(source, manifest));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(manifest, copy);
            }
        }

        foreach (string file in Directory.EnumerateFiles(LockfileFolder(project, client)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    private static bool IsCorpus(string project) => project.StartsWith("corpus/", StringComparison.Ordinal);

    private static IEnumerable<string> Names(string folder) =>
        Directory.EnumerateDirectories(folder).Select(d => Path.GetFileName(d)!).Where(n => n != "packages").Order(StringComparer.Ordinal);
}
