using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests;

/// <summary>Which reader reads a path, and which lockfile of a folder is read.</summary>
public sealed class LockfileReadersTests
{
    [Theory]
    [InlineData("package-lock.json", "npm")]
    [InlineData("npm-shrinkwrap.json", "npm")]
    [InlineData("pnpm-lock.yaml", "pnpm")]
    [InlineData("yarn.lock", "yarn")]
    [InlineData("bun.lock", "bun")]
    [InlineData("node_modules", "node_modules")]
    [InlineData("a/b/node_modules/", "node_modules")]
    public void A_file_name_picks_its_reader(string fileName, string reader) =>
        Assert.Equal(reader, LockfileReaders.ForFileName(fileName)?.Name);

    [Fact]
    public void Every_reader_is_listed_once() =>
        Assert.Equal(["npm", "pnpm", "yarn", "bun", "node_modules"], LockfileReaders.All.Select(r => r.Name));

    [Fact]
    public void Shrinkwrap_comes_before_package_lock_as_in_npm()
    {
        using var folder = Project(("package-lock.json", "Npm/one-package.v3.json"), ("npm-shrinkwrap.json", "Npm/scoped-packages.v3.json"));
        var lockfile = Read(folder.Path);
        Assert.Equal(LockfileFormat.NpmShrinkwrap, lockfile.Format);
        Assert.Empty(lockfile.Warnings);
    }

    [Fact]
    public void Without_packageManager_several_managers_lockfiles_are_read_in_a_fixed_order_with_a_warning()
    {
        using var folder = Project(("yarn.lock", "Yarn/one-package.v1.lock"), ("pnpm-lock.yaml", "Pnpm/one-package.v9.yaml"), ("bun.lock", "Bun/one-package.v2.lock"));
        var lockfile = Read(folder.Path);
        Assert.Equal(LockfileFormat.Pnpm, lockfile.Format);
        Assert.Equal(2, lockfile.Warnings.Length);
        Assert.Contains("yarn.lock is also present; read pnpm-lock.yaml", lockfile.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("bun.lock is also present", lockfile.Warnings[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yarn@1.22.22", LockfileFormat.YarnClassic)]
    [InlineData("bun@1.4.5", LockfileFormat.Bun)]
    [InlineData("npm@11.0.0", LockfileFormat.NpmPackageLock)]
    [InlineData("pnpm@9.15.9+sha512.abc", LockfileFormat.Pnpm)]
    public void PackageManager_in_package_json_picks_the_lockfile(string packageManager, LockfileFormat format)
    {
        using var folder = Project(("yarn.lock", "Yarn/one-package.v1.lock"), ("pnpm-lock.yaml", "Pnpm/one-package.v9.yaml"),
            ("bun.lock", "Bun/one-package.v2.lock"), ("package-lock.json", "Npm/one-package.v3.json"));
        File.WriteAllText(folder.File("package.json"), $"{{\"name\": \"one-package\", \"packageManager\": \"{packageManager}\", \"dependencies\": {{\"ms\": \"2.1.3\"}}}}");
        var lockfile = Read(folder.Path);
        Assert.Equal(format, lockfile.Format);
        Assert.Equal(3, lockfile.Warnings.Length);
        Assert.All(lockfile.Warnings, w => Assert.Contains("(packageManager in package.json)", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_lockfile_node_modules_is_read_with_a_warning()
    {
        var lockfile = Read(Path.Combine(Fixtures.SourceFolder("NodeModules"), "one-package.npm"));
        Assert.Equal(LockfileFormat.NodeModules, lockfile.Format);
        Assert.Equal(["ms@2.1.3"], lockfile.Packages.Select(p => p.ToString()));
        Assert.Contains("no lockfile in the folder", Assert.Single(lockfile.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_lockfile_is_not_found()
    {
        using var folder = new TempDirectory();
        var result = LockfileReaders.Read(folder.Path);
        Assert.Equal(LockfileErrorKind.NotFound, result.Error?.Kind);
        Assert.Contains("no lockfile here", result.Error!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bun_binary_lockfile_is_an_error_that_says_what_to_do()
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File("bun.lockb"), [0x23, 0x21, 0x2f, 0x75]);
        Assert.Contains("--save-text-lockfile", LockfileReaders.Read(folder.Path).Error?.Reason, StringComparison.Ordinal);
        Assert.Contains("--save-text-lockfile", LockfileReaders.Read(folder.File("bun.lockb")).Error?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_is_not_found() =>
        Assert.Equal(LockfileErrorKind.NotFound, LockfileReaders.Read(Path.Combine(Path.GetTempPath(), "vigil-no-such-folder", "package-lock.json")).Error?.Kind);

    private static TempDirectory Project(params (string Name, string Fixture)[] files)
    {
        var folder = new TempDirectory();
        File.Copy(Path.Combine(Fixtures.Scenarios, "one-package", "package.json"), folder.File("package.json"));
        foreach (var (name, fixture) in files)
        {
            var format = fixture[..fixture.IndexOf('/', StringComparison.Ordinal)];
            File.Copy(Path.Combine(Fixtures.Folder(format), fixture[(format.Length + 1)..]), folder.File(name));
        }

        return folder;
    }

    private static Lockfile Read(string path)
    {
        var result = LockfileReaders.Read(path);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Lockfile;
    }
}
