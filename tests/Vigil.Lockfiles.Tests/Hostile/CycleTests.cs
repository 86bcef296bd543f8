using System.Text;

namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>Dependency cycles and dense graphs: paths stay simple, capped and quick to find.</summary>
public sealed class CycleTests
{
    [Fact]
    public void Paths_through_a_cycle_end()
    {
        const string Content = """
            {"lockfileVersion": 3, "packages": {
              "": {"dependencies": {"a": "1.0.0"}},
              "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "1.0.0"}},
              "node_modules/b": {"version": "1.0.0", "dependencies": {"c": "1.0.0"}},
              "node_modules/c": {"version": "1.0.0", "dependencies": {"a": "1.0.0", "b": "1.0.0"}}
            }}
            """;
        var result = HostileInput.Read("npm", Content);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(["a"], result.Lockfile.Packages.Single(p => p.Name == "a").Paths.Select(p => p.ToString()));
        Assert.Equal(["a > b"], result.Lockfile.Packages.Single(p => p.Name == "b").Paths.Select(p => p.ToString()));
        Assert.Equal(["a > b > c"], result.Lockfile.Packages.Single(p => p.Name == "c").Paths.Select(p => p.ToString()));
    }

    [Fact]
    public void A_cycle_in_pnpm_snapshots_ends()
    {
        const string Content = "lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      a:\n        specifier: 1.0.0\n        version: 1.0.0\n"
            + "packages:\n  a@1.0.0:\n    resolution: {integrity: sha512-x}\n  b@1.0.0:\n    resolution: {integrity: sha512-x}\n"
            + "snapshots:\n  a@1.0.0:\n    dependencies:\n      b: 1.0.0\n  b@1.0.0:\n    dependencies:\n      a: 1.0.0\n";
        var result = HostileInput.Read("pnpm", Content);
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.All(result.Lockfile.Packages, p => Assert.Equal(DependencyType.Dev, p.Type));
        Assert.Equal(["a > b"], result.Lockfile.Packages.Single(p => p.Name == "b").Paths.Select(p => p.ToString()));
    }

    [Fact]
    public void Paths_in_a_complete_graph_are_capped_shortest_first()
    {
        // 150 packages that all depend on each other and on themselves: about 150! simple paths to each.
        const int Count = 150;
        var names = Enumerable.Range(0, Count).Select(i => $"p{i:D3}").ToList();
        var all = string.Join(", ", names.Select(n => $"\"{n}\": \"1.0.0\""));
        var text = new StringBuilder($"{{\"lockfileVersion\": 3, \"packages\": {{\"\": {{\"dependencies\": {{\"p000\": \"1.0.0\"}}}}");
        foreach (var name in names)
        {
            text.Append($", \"node_modules/{name}\": {{\"version\": \"1.0.0\", \"dependencies\": {{{all}}}}}");
        }

        var result = HostileInput.Read("npm", text.Append("}}").ToString());
        Assert.True(result.Succeeded, result.Error?.Message);
        var last = result.Lockfile.Packages.Single(p => p.Name == "p149");
        Assert.Equal(LockfileLimits.MaxPathsPerPackage, last.Paths.Length);
        Assert.True(last.PathsTruncated);
        Assert.Equal("p000 > p149", last.Paths[0].ToString());
        Assert.All(last.Paths, p => Assert.Equal(p.Names.Length, p.Names.Distinct().Count()));
        Assert.True(last.Paths.Select(p => p.Names.Length).SequenceEqual(last.Paths.Select(p => p.Names.Length).Order()));
    }
}
