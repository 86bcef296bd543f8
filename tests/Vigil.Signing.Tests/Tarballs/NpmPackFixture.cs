using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Signing.Tests.Tarballs;

/// <summary>
/// A small package folder packed by the real <c>npm pack --json</c> (a long path that takes the ustar prefix, one
/// long enough for a pax header, a nested folder), and the integrity npm reported for it.
/// </summary>
public sealed class NpmPackFixture : IDisposable
{
    private readonly TempDirectory _folder = new();

    public NpmPackFixture()
    {
        var source = Directory.CreateDirectory(Path.Combine(_folder.Path, "source")).FullName;
        File.WriteAllText(Path.Combine(source, "package.json"), """{ "name": "@vigil-test/packed", "version": "1.2.3", "main": "index.js" }""");
        File.WriteAllText(Path.Combine(source, "index.js"), "module.exports = 42;\n");
        var prefixed = Path.Combine(source, "lib", new string('p', 60), new string('q', 50));
        Directory.CreateDirectory(prefixed);
        File.WriteAllText(Path.Combine(prefixed, "prefixed.js"), "exports.a = 1;\n");
        var paxed = Path.Combine(source, "lib", string.Join('/', Enumerable.Repeat(new string('x', 40), 8)));
        Directory.CreateDirectory(paxed);
        File.WriteAllText(Path.Combine(paxed, "pax.js"), "exports.b = 2;\n");
        var output = Directory.CreateDirectory(Path.Combine(_folder.Path, "out")).FullName;
        var result = NodeTools.Run(
            "npm",
            ["pack", "--json", "--pack-destination", output, "--cache", Path.Combine(_folder.Path, "npm-cache"), "--ignore-scripts"],
            source,
            string.Empty,
            TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm pack failed ({result.ExitCode}): {result.StandardError}");
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var packed = json.RootElement[0];
        TarballPath = Path.Combine(output, packed.GetProperty("filename").GetString()!);
        Integrity = packed.GetProperty("integrity").GetString()!;
        Files = packed.GetProperty("entryCount").GetInt32();
        Bytes = File.ReadAllBytes(TarballPath);
    }

    /// <summary>The <c>.tgz</c> npm wrote.</summary>
    public string TarballPath { get; }

    /// <summary>Its bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The integrity <c>npm pack</c> reported.</summary>
    public string Integrity { get; }

    /// <summary>The files npm said it packed.</summary>
    public int Files { get; }

    /// <summary>A scratch folder that goes with the fixture.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_folder.Path, name + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>Puts the tarball into a fresh npm cache with the real <c>npm cache add</c>; returns the cache folder.</summary>
    public string CacheWithTarball()
    {
        var cache = Scratch("cache");
        var result = NodeTools.Run("npm", ["cache", "add", TarballPath, "--cache", cache, "--offline"], _folder.Path, string.Empty, TimeSpan.FromMinutes(2));
        return result.ExitCode == 0
            ? cache
            : throw new InvalidOperationException($"npm cache add failed ({result.ExitCode}): {result.StandardError}");
    }

    public void Dispose() => _folder.Dispose();
}
