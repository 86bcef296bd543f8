using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Lockfiles;
using Vigil.Testing;
using Vigil.Testing.Registry;

namespace Vigil.Cli.Tests.Bars;

/// <summary>
/// The bar: <c>vigil verify</c> flags (exit 1, the edited package invalid) every tampered copy of real lockfiles from
/// the shared corpus (npm, yarn classic, pnpm, bun), and none of the untampered ones. The registry is the stand-in
/// (a real HTTP server on loopback) serving every package of the untampered lockfiles, signed with a test key, so
/// an integrity swapped for another version's is caught by the signatures check.
/// </summary>
public sealed class TamperedLockfileTests : IDisposable
{
    private const string Host = "registry.example.org";

    private static readonly (string Folder, string File)[] Formats =
    [
        ("npm", "package-lock.json"), ("yarn1", "yarn.lock"), ("pnpm", "pnpm-lock.yaml"), ("bun", "bun.lock"),
    ];

    private static readonly string Project = Path.Combine(SharedData.Root, "corpus", "p05-aliases");

    private readonly StandInRegistry _registry = StandInRegistry.Start();
    private readonly TempDirectory _work = new();
    private readonly string _otherVersionIntegrity;

    public TamperedLockfileTests()
    {
        var key = _registry.AddKey();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (folder, file) in Formats)
        {
            var lockfile = LockfileReaders.Read(Path.Combine(Project, folder, file)).Lockfile!;
            foreach (var package in lockfile.Packages)
            {
                if (added.Add(package.Name + "@" + package.Version))
                {
                    _registry.AddPackage(package.Name, package.Version, integrity: package.Integrity, signWith: key);
                }
            }
        }

        _otherVersionIntegrity = _registry.AddPackage("async", "99.0.0", tarball: RandomNumberGenerator.GetBytes(64), signWith: key).Integrity;
    }

    public void Dispose()
    {
        _registry.Dispose();
        _work.Dispose();
    }

    public static TheoryData<string, string> Tamperings()
    {
        var data = new TheoryData<string, string>();
        foreach (var (folder, _) in Formats)
        {
            foreach (string tampering in new[] { "host", "http", "no-integrity", "sha1-only", "name-url", "alias", "other-version-integrity" })
            {
                data.Add(folder, tampering);
            }
        }

        return data;
    }

    [Theory]
    [InlineData("npm")]
    [InlineData("yarn1")]
    [InlineData("pnpm")]
    [InlineData("bun")]
    public void An_untampered_lockfile_is_not_flagged_and_every_package_verifies(string folder)
    {
        var (exit, report) = Verify(folder, text => text, tampered: false);

        Assert.Equal(0, exit);
        var packages = report.GetProperty("packages").EnumerateArray().ToList();
        Assert.NotEmpty(packages);
        Assert.All(packages, p => Assert.True(p.GetProperty("verdict").GetString() == "verified", p.ToString()));
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void A_tampered_lockfile_is_flagged(string folder, string tampering)
    {
        bool alias = tampering == "alias";
        string name = alias ? "lodash" : "async";
        string version = alias ? "3.10.1" : "2.6.0";
        string integrity = Entry(folder, name, version).Integrity!;
        Func<string, string> edit = tampering switch
        {
            "host" => t => SetResolved(folder, t, name, version, integrity, $"https://evil.example/async/-/async-2.6.0.tgz"),
            "http" => t => SetResolved(folder, t, name, version, integrity, $"http://{Host}/async/-/async-2.6.0.tgz"),
            "no-integrity" => t => SetIntegrity(folder, t, integrity, null),
            "sha1-only" => t => SetIntegrity(folder, t, integrity, "sha1-emTL2KjwHls8f/3I6n4s4qOo9KA="),
            "name-url" => t => SetResolved(folder, t, name, version, integrity, $"https://{Host}/evil/-/evil-2.6.0.tgz"),
            "alias" => t => SetResolved(folder, t, name, version, integrity, $"https://{Host}/marked/-/marked-0.3.0.tgz"),
            _ => t => SetIntegrity(folder, t, integrity, _otherVersionIntegrity),
        };

        var (exit, report) = Verify(folder, edit, tampered: true);

        Assert.Equal(1, exit);
        var flagged = report.GetProperty("packages").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == name && p.GetProperty("version").GetString() == version);
        Assert.Equal("invalid", flagged.GetProperty("verdict").GetString());
        Assert.Equal(1, report.GetProperty("summary").GetProperty("invalid").GetInt32());
    }

    private static ResolvedPackage Entry(string folder, string name, string version)
    {
        string file = Formats.Single(f => f.Folder == folder).File;
        return LockfileReaders.Read(Path.Combine(Project, folder, file)).Lockfile!.Packages.Single(p => p.Name == name && p.Version == version);
    }

    private (int Exit, JsonElement Report) Verify(string folder, Func<string, string> edit, bool tampered)
    {
        string file = Formats.Single(f => f.Folder == folder).File;
        string copy = Path.Combine(_work.Path, folder, file);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        string original = File.ReadAllText(Path.Combine(Project, folder, file));
        string edited = edit(original);
        Assert.Equal(tampered, original != edited);
        File.WriteAllText(copy, edited);
        var result = CliRun.Run("verify", copy, "--registry", _registry.Url.AbsoluteUri, "--allow-host", Host, "--allow-host", _registry.Url.Authority,
            "--cache", Path.Combine(_work.Path, "cache"), "--format", "json");
        Assert.True(result.ExitCode is 0 or 1, result.Error);
        return (result.ExitCode, JsonDocument.Parse(result.Output).RootElement.Clone());
    }

    // The edits, as a person would make them in each format's text.
    private static string SetIntegrity(string folder, string text, string integrity, string? replacement)
    {
        Assert.Equal(1, Count(text, integrity));
        if (replacement is not null)
        {
            return text.Replace(integrity, replacement, StringComparison.Ordinal);
        }

        return folder switch
        {
            "npm" => RemoveLine(text, $"\"integrity\": \"{integrity}\""),
            "yarn1" => RemoveLine(text, "integrity " + integrity),
            "pnpm" => text.Replace($"{{integrity: {integrity}}}", "{}", StringComparison.Ordinal),
            _ => text.Replace($"\"{integrity}\"", "\"\"", StringComparison.Ordinal),
        };
    }

    private static string SetResolved(string folder, string text, string name, string version, string integrity, string url)
    {
        Assert.Equal(1, Count(text, integrity));
        var lines = text.Split('\n').ToList();
        int at = lines.FindIndex(l => l.Contains(integrity, StringComparison.Ordinal));
        switch (folder)
        {
            case "npm":
                lines.Insert(at, lines[at][..lines[at].IndexOf('"', StringComparison.Ordinal)] + $"\"resolved\": \"{url}\",");
                break;
            case "yarn1":
                Assert.Contains("resolved ", lines[at - 1], StringComparison.Ordinal);
                lines[at - 1] = $"  resolved \"{url}\"";
                break;
            case "pnpm":
                lines[at] = lines[at].Replace($"{{integrity: {integrity}}}", $"{{integrity: {integrity}, tarball: {url}}}", StringComparison.Ordinal);
                break;
            default:
                string head = $"[\"{name}@{version}\", \"\", ";
                Assert.Contains(head, lines[at], StringComparison.Ordinal);
                lines[at] = lines[at].Replace(head, $"[\"{name}@{version}\", \"{url}\", ", StringComparison.Ordinal);
                break;
        }

        return string.Join('\n', lines);
    }

    private static string RemoveLine(string text, string content) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains(content, StringComparison.Ordinal)));

    private static int Count(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
