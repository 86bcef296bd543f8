namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>Package names that mean something to JavaScript objects are plain strings here.</summary>
public sealed class NameTests
{
    private static readonly string[] Names = ["__proto__", "constructor", "prototype", "hasOwnProperty"];

    [Fact]
    public void Prototype_names_round_trip_in_package_lock()
    {
        var dependencies = string.Join(", ", Names.Select(n => $"\"{n}\": \"1.0.0\""));
        var packages = string.Concat(Names.Select(n => $", \"node_modules/{n}\": {{\"version\": \"1.0.0\", \"dependencies\": {{\"__proto__\": \"1.0.0\"}}}}"));
        var content = $"{{\"lockfileVersion\": 3, \"packages\": {{\"\": {{\"dependencies\": {{{dependencies}}}}}{packages}}}}}";
        AssertNames(HostileInput.Read("npm", content));
    }

    [Fact]
    public void Prototype_names_round_trip_in_pnpm_lock()
    {
        var importer = string.Concat(Names.Select(n => $"      {n}:\n        specifier: 1.0.0\n        version: 1.0.0\n"));
        var packages = string.Concat(Names.Select(n => $"  {n}@1.0.0:\n    resolution: {{integrity: sha512-x}}\n"));
        var snapshots = string.Concat(Names.Select(n => $"  {n}@1.0.0:\n    dependencies:\n      __proto__: 1.0.0\n"));
        var content = $"lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n{importer}packages:\n{packages}snapshots:\n{snapshots}";
        AssertNames(HostileInput.Read("pnpm", content));
    }

    [Fact]
    public void Prototype_names_round_trip_in_yarn_lock()
    {
        var root = string.Concat(Names.Select(n => $"    {n}: \"npm:1.0.0\"\n"));
        var entries = string.Concat(Names.Select(n => $"\"{n}@npm:1.0.0\":\n  version: 1.0.0\n  resolution: \"{n}@npm:1.0.0\"\n  dependencies:\n    __proto__: \"npm:1.0.0\"\n\n"));
        var content = $"__metadata:\n  version: 8\n\n\"x@workspace:.\":\n  version: 0.0.0-use.local\n  resolution: \"x@workspace:.\"\n  dependencies:\n{root}\n{entries}";
        AssertNames(HostileInput.Read("yarn-berry", content));
    }

    [Fact]
    public void Prototype_names_round_trip_in_bun_lock()
    {
        var dependencies = string.Join(", ", Names.Select(n => $"\"{n}\": \"1.0.0\""));
        var packages = string.Join(", ", Names.Select(n => $"\"{n}\": [\"{n}@1.0.0\", \"\", {{\"dependencies\": {{\"__proto__\": \"1.0.0\"}}}}, \"sha512-x\"]"));
        var content = $"{{\"lockfileVersion\": 1, \"workspaces\": {{\"\": {{\"dependencies\": {{{dependencies}}}}}}}, \"packages\": {{{packages}}}}}";
        AssertNames(HostileInput.Read("bun", content));
    }

    private static void AssertNames(LockfileReadResult result)
    {
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(Names.Order(StringComparer.Ordinal), result.Lockfile.Packages.Select(p => p.Name));
        Assert.All(result.Lockfile.Packages, p => Assert.Equal("1.0.0", p.Version));
        var proto = result.Lockfile.Packages.Single(p => p.Name == "__proto__");
        Assert.Contains(proto.Paths, path => path.ToString() == "constructor > __proto__");
    }
}
