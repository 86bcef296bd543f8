using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests;

/// <summary>
/// The dependency types that pnpm, yarn, bun and node_modules readings get from npm's rule, computed on the graph,
/// equal the flags npm itself wrote into every npm fixture of lockfile version 2 and 3 and into the corpus's
/// package-lock.json files (whose trees hold dev, optional, dev-optional and peer packages).
/// </summary>
public sealed class TypeCalculationTests
{
    private static readonly NpmLockfileReader Computing = new() { ComputeTypes = true };

    public static TheoryData<string> Lockfiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var fixture in Fixtures.Names("Npm").Select(r => r.Data).Where(n => !n.Contains(".v1.", StringComparison.Ordinal)))
            {
                data.Add(Path.Combine(Fixtures.Folder("Npm"), fixture));
            }

            foreach (var corpus in Directory.EnumerateFiles(Path.Combine(SharedData.Root, "corpus"), "package-lock.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(corpus);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void Computed_types_equal_the_types_npm_wrote(string path)
    {
        var recorded = LockfileReaders.Npm.Read(path);
        var computed = Computing.Read(path);
        Assert.True(recorded.Succeeded && computed.Succeeded, recorded.Error?.Message ?? computed.Error?.Message);
        Assert.Equal(Types(recorded.Lockfile), Types(computed.Lockfile));
    }

    private static string Types(Lockfile lockfile) =>
        string.Join('\n', lockfile.Packages.Concat(lockfile.NotAudited.Select(n => n.Package)).Select(p => $"{p} {p.Type.ToText()}"));
}
