using System.Text;
using System.Text.Json;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Tests.Hostile;
using Vigil.Lockfiles.Tests.Support;
using Vigil.Lockfiles.Text;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Npm;

/// <summary>
/// The one-pass reader of versions 2 and 3 (<see cref="NpmPackagesFastReader"/>) against the general reader with a
/// tree: the same lockfile, warnings and errors for every fixture, the corpus, the benchmark's lockfile, and damaged
/// copies of them (where the one pass gives up and the general reader reports).
/// </summary>
public sealed class NpmFastReaderTests
{
    private static readonly NpmLockfileReader General = new() { GeneralOnly = true };

    /// <summary>Every npm lockfile of the repository and the corpus: fixtures, the benchmark's, the corpus's.</summary>
    public static TheoryData<string> Lockfiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Fixtures.Folder("Npm"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        data.Add(Path.Combine(SharedData.RepositoryRoot, "bench", "audit", "package-lock.json"));
        var corpus = Path.Combine(SharedData.Root, "corpus");
        if (Directory.Exists(corpus))
        {
            foreach (var file in Directory.EnumerateFiles(corpus, "package-lock.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void Reads_as_the_general_reader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var expected = Outcome(General, bytes);
        Assert.Equal(expected, Outcome(LockfileReaders.Npm, bytes));

        // The comparison means something only if the one pass took the file: every version 2 and 3 fixture it can.
        var version = General.Read(bytes, "package-lock.json").Lockfile?.FormatVersion;
        var taken = NpmPackagesFastReader.TryRead(SourceText.Check("package-lock.json", bytes)) is not null;
        Assert.Equal(version is "2" or "3", taken);
    }

    [Theory]
    [MemberData(nameof(Lockfiles))]
    public void The_names_told_early_are_those_of_the_packages_read(string path)
    {
        var told = new List<IReadOnlySet<string>>();
        var result = LockfileReaders.Read(path, told.Add);
        var version = result.Lockfile?.FormatVersion;
        if (version is not ("2" or "3"))
        {
            Assert.Empty(told);
            return;
        }

        // Told once; every package's name is in it, and no name but those of packages (audited or not), workspaces, the
        // project itself and the folders packages are installed in (an alias's), as a JSON parser finds them.
        var names = Assert.Single(told);
        var lockfile = result.Lockfile!;
        var read = lockfile.Packages.Select(p => p.Name).Concat(lockfile.NotAudited.Select(n => n.Package.Name)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal([], read.Where(name => !names.Contains(name)));
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var known = read.Concat(lockfile.Workspaces.Select(w => w.Name)).ToHashSet(StringComparer.Ordinal);
        if (json.RootElement.TryGetProperty("name", out var project))
        {
            known.Add(project.GetString()!);
        }

        foreach (var entry in json.RootElement.GetProperty("packages").EnumerateObject())
        {
            var at = entry.Name.LastIndexOf("node_modules/", StringComparison.Ordinal);
            known.Add(at < 0 ? entry.Name : entry.Name[(at + "node_modules/".Length)..]);
        }

        Assert.Equal([], names.Where(name => !known.Contains(name)));
    }

    [Fact]
    public void Damaged_lockfiles_read_and_fail_as_with_the_general_reader()
    {
        var original = File.ReadAllBytes(HostileInput.Of("npm").Fixture);
        var random = new Random(20261130);
        var taken = 0;
        for (var i = 0; i < 600; i++)
        {
            var bytes = MutationTests.Mutate(original, random);
            var expected = Outcome(General, bytes);
            Assert.True(expected == Outcome(LockfileReaders.Npm, bytes), $"case {i}: {Encoding.UTF8.GetString(bytes)}");
            if (!expected.StartsWith("error: ", StringComparison.Ordinal))
            {
                taken += NpmPackagesFastReader.TryRead(SourceText.Check("package-lock.json", bytes)) is null ? 0 : 1;
            }
        }

        // Some damage leaves a valid lockfile (in a value no reader looks at), which the one pass must have read.
        Assert.True(taken > 0, "the one pass took none of the damaged files");
    }

    [Fact]
    public void Truncated_lockfiles_fail_as_with_the_general_reader()
    {
        var original = File.ReadAllBytes(HostileInput.Of("npm").Fixture);
        for (var length = 0; length < original.Length; length += 7)
        {
            var bytes = original[..length];
            Assert.Equal(Outcome(General, bytes), Outcome(LockfileReaders.Npm, bytes));
        }
    }

    /// <summary>Values of the kept fields in forms npm does not write, each in place of the field's value in the fixture.</summary>
    [Theory]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": 1")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": null")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"not-a-version\"")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.\\u0039\"")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"version\": \"1.0.0\"")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"dev\": \"true\"")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"dev\": 1")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"link\": true")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"dependencies\": []")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"dependencies\": {\"a\": 1}")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"dependencies\": {\"\\ud800\": \"1\"}")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"license\": \"\\ud800\"")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"engines\": {\"node\": 1, \"node\": 2}")]
    [InlineData("\"version\": \"2.6.9\"", "\"version\": \"2.6.9\", \"resolved\": null")]
    [InlineData("\"lockfileVersion\": 3", "\"lockfileVersion\": \"3\"")]
    [InlineData("\"lockfileVersion\": 3", "\"lockfileVersion\": 4")]
    [InlineData("\"lockfileVersion\": 3", "\"lockfileVersion\": 1")]
    [InlineData("\"lockfileVersion\": 3", "\"lockfileVersion\": [3]")]
    [InlineData("\"packages\": {", "\"packages\": [], \"x\": {")]
    public void Unusual_values_read_and_fail_as_with_the_general_reader(string find, string replacement)
    {
        var text = HostileInput.FixtureText("npm");
        Assert.Contains(find, text, StringComparison.Ordinal);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text[..at] + replacement + text[(at + find.Length)..]);
        Assert.Equal(Outcome(General, bytes), Outcome(LockfileReaders.Npm, bytes));
    }

    /// <summary>What a reader made of the content: the snapshot of the lockfile, or the error.</summary>
    private static string Outcome(NpmLockfileReader reader, byte[] bytes)
    {
        var result = reader.Read(bytes, Path.Combine(Fixtures.Scenarios, "workspaces", "package-lock.json"));
        return result.Succeeded ? Snapshot.Format(result.Lockfile) : "error: " + result.Error.Message;
    }
}
