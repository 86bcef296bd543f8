using BenchmarkDotNet.Attributes;
using Vigil.Lockfiles;

namespace Vigil.Benchmarks;

/// <summary>
/// One whole <see cref="LockfileReaders.Read(string)"/> (file read, checks, parse, graph, types, paths, packages) per
/// operation: the audit benchmark's lockfile (<c>bench/audit/package-lock.json</c>, npm v3, 2,291 entries), the
/// largest test fixture of each format read in its scenario's project (as the fixture tests read it), and, when the
/// shared corpus is beside the repository (or in <c>VIGIL_SHARED</c>), each client's lockfile of its largest project.
/// </summary>
[MemoryDiagnoser]
public class LockfileBenchmarks
{
    private string _folder = "";
    private string _path = "";

    /// <summary>The inputs: <c>bench</c>, a format's largest fixture, or <c>corpus-</c> and a client.</summary>
    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> Cases()
    {
        string[] cases = ["bench", "npm", "pnpm", "yarn1", "yarn-berry", "bun", "node_modules"];
        var corpus = Path.Combine(SharedFolder(), "corpus", CorpusProject);
        return Directory.Exists(corpus) ? [.. cases, .. CorpusClients.Select(c => "corpus-" + c)] : cases;
    }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"vigil-lockbench-{Environment.ProcessId}-{Case}");
        var fixtures = Path.Combine(RepositoryRoot(), "tests", "Vigil.Lockfiles.Tests");
        _path = Case switch
        {
            "bench" => Path.Combine(RepositoryRoot(), "bench", "audit", "package-lock.json"),
            "npm" => Scenario(fixtures, "Npm", "workspaces.v2.json", "package-lock.json", "package.npm.json"),
            "pnpm" => Scenario(fixtures, "Pnpm", "workspaces.v9.yaml", "pnpm-lock.yaml", "package.workspace-protocol.json"),
            "yarn1" => Scenario(fixtures, "Yarn", "peer-dependencies.v1.lock", "yarn.lock", null),
            "yarn-berry" => Scenario(fixtures, "Yarn", "workspaces.berry.lock", "yarn.lock", "package.workspace-protocol.json"),
            "bun" => Scenario(fixtures, "Bun", "workspaces.v2.lock", "bun.lock", "package.workspace-protocol.json"),
            "node_modules" => Path.Combine(fixtures, "NodeModules", "testdata", "workspaces.pnpm"),
            _ => Corpus(Case["corpus-".Length..]),
        };

        var result = LockfileReaders.Read(_path);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(result.Error.Message);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Benchmark]
    public int Read() => LockfileReaders.Read(_path).Lockfile!.Packages.Length;

    private const string CorpusProject = "p03-prerelease";

    private static readonly string[] CorpusClients = ["npm", "yarn1", "yarn4", "pnpm", "bun"];

    /// <summary>A copy of the fixture's scenario project, its client's variant of the manifests applied, with the fixture as its lockfile.</summary>
    private string Scenario(string fixtures, string format, string fixture, string lockfileName, string? variant)
    {
        var scenario = Path.Combine(fixtures, "testdata", "scenarios", fixture[..fixture.IndexOf('.', StringComparison.Ordinal)]);
        Copy(scenario, _folder);
        foreach (var file in Directory.EnumerateFiles(_folder, "package.*.json", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file) == variant)
            {
                File.Move(file, Path.Combine(Path.GetDirectoryName(file)!, "package.json"), overwrite: true);
            }
            else
            {
                File.Delete(file);
            }
        }

        var lockfile = Path.Combine(_folder, lockfileName);
        File.Copy(Path.Combine(fixtures, format, "testdata", fixture), lockfile);
        return lockfile;
    }

    /// <summary>A client's lockfile of the corpus project, beside the project's <c>package.json</c> files (as the corpus tests read it).</summary>
    private string Corpus(string client)
    {
        var source = Path.Combine(SharedFolder(), "corpus", CorpusProject);
        Directory.CreateDirectory(_folder);
        foreach (var manifest in Directory.EnumerateFiles(source, "package.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, manifest);
            if (relative == "package.json" || relative.StartsWith("packages", StringComparison.Ordinal))
            {
                var target = Path.Combine(_folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(manifest, target);
            }
        }

        string? lockfile = null;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, client)))
        {
            var target = Path.Combine(_folder, Path.GetFileName(file));
            File.Copy(file, target);
            lockfile = Path.GetFileName(file) is "package-lock.json" or "yarn.lock" or "pnpm-lock.yaml" or "bun.lock" ? target : lockfile;
        }

        return lockfile ?? throw new FileNotFoundException($"no lockfile in the corpus for {client}");
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }

    /// <summary>The shared data folder beside the repository (<c>../shared</c>), or <c>VIGIL_SHARED</c>.</summary>
    private static string SharedFolder() =>
        Environment.GetEnvironmentVariable("VIGIL_SHARED") ?? Path.Combine(RepositoryRoot(), "..", "shared");
}
