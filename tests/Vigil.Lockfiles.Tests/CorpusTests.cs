using System.Text.Json;
using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests;

/// <summary>
/// The shared corpus (<c>shared/corpus/p*/</c>): each project resolved by npm, yarn 1, yarn 4, pnpm and bun. Every
/// client's lockfile, put back beside the project's <c>package.json</c> files in a temporary folder, reads cleanly
/// (found as the folder's lockfile, no warning, every package reached unless the client itself says nothing needs
/// it) and agrees with that client's own view of it.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string, string> Lockfiles
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var project in Directory.EnumerateDirectories(Path.Combine(SharedData.Root, "corpus")).Order(StringComparer.Ordinal))
            {
                foreach (var client in Directory.EnumerateDirectories(project).Select(Path.GetFileName).Where(c => c != "packages").Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(project), client!);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void Lockfile_reads_cleanly_and_as_its_client_reads_it(string project, string client)
    {
        var source = Path.Combine(SharedData.Root, "corpus", project);
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(source, "package.json"), folder.File("package.json"));
        foreach (var manifest in Directory.EnumerateFiles(source, "package.json", SearchOption.AllDirectories).Where(f => f.Contains("/packages/", StringComparison.Ordinal)))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(source, manifest));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(manifest, target);
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(source, client)))
        {
            File.Copy(file, folder.File(Path.GetFileName(file)));
        }

        var result = LockfileReaders.Read(folder.Path);
        Assert.True(result.Succeeded, result.Error?.Message);
        var lockfile = result.Lockfile;
        Assert.Empty(lockfile.Warnings);
        Assert.NotEmpty(lockfile.Packages);
        var unreached = string.Join('\n', lockfile.Packages.Where(p => p.Paths.IsEmpty).Select(p => p.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(ExpectedUnreached(client, folder.Path), unreached);
        switch (client)
        {
            case "npm":
                NpmOracle.AssertAgrees(folder.Path, lockfile);
                break;
            case "pnpm":
                PnpmOracle.AssertAgrees(folder.Path, lockfile);
                break;
            case "bun":
                BunOracle.AssertAgrees(folder.Path, lockfile);
                break;
            default:
                YarnOracle.AssertAgrees(folder.File("yarn.lock"), lockfile);
                break;
        }
    }

    /// <summary>
    /// The packages the lockfile holds but the project does not reach, by the client's own account: npm marks them
    /// <c>"extraneous": true</c> (npm 3's bundled copy of itself carries some); yarn 4 keeps entries nothing depends on
    /// (found with yarn's own parser). The other clients keep none.
    /// </summary>
    private static string ExpectedUnreached(string client, string folder)
    {
        switch (client)
        {
            case "npm":
                using (var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "package-lock.json"))))
                {
                    return string.Join('\n', document.RootElement.GetProperty("packages").EnumerateObject()
                        .Where(p => p.Value.TryGetProperty("extraneous", out var e) && e.GetBoolean())
                        .Select(p => p.Name[(p.Name.LastIndexOf("node_modules/", StringComparison.Ordinal) + "node_modules/".Length)..] + "@" + p.Value.GetProperty("version").GetString())
                        .Distinct().Order(StringComparer.Ordinal));
                }

            case "yarn4":
                return YarnOracle.Unreached(Path.Combine(folder, "yarn.lock"));
            default:
                return string.Empty;
        }
    }
}
