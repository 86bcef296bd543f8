using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Support;

/// <summary>
/// The fixtures of a format folder (<c>Npm/testdata/one-package.v3.json</c>), the scenario manifests they were made
/// from (<c>testdata/scenarios/one-package/package.json</c>) and their expected snapshots. Set
/// <c>VIGIL_UPDATE_SNAPSHOTS=1</c> to write the snapshots into the source tree instead of comparing (then review the diff).
/// </summary>
internal static class Fixtures
{
    public static string Folder(string format) => Path.Combine(AppContext.BaseDirectory, format, "testdata");

    public static string SourceFolder(string format) => Path.Combine(SharedData.RepositoryRoot, "tests", "Vigil.Lockfiles.Tests", format, "testdata");

    public static string Scenarios => Path.Combine(AppContext.BaseDirectory, "testdata", "scenarios");

    /// <summary>The fixture files of a format, by name (not the snapshots, READMEs or hostile inputs).</summary>
    public static TheoryData<string> Names(string format)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder(format)).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!name.EndsWith(".expected.txt", StringComparison.Ordinal) && name != "README.md")
            {
                data.Add(name);
            }
        }

        return data;
    }

    /// <summary>The scenario a fixture was made from: its name up to the first dot.</summary>
    public static string ScenarioOf(string fixture) => fixture[..fixture.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>
    /// Reads a fixture as the lockfile <paramref name="lockfileName"/> of a temporary copy of its scenario's project, as
    /// <paramref name="client"/> saw it (its variant of the manifests applied).
    /// </summary>
    public static LockfileReadResult Read(LockfileFileReader reader, string format, string fixture, string lockfileName, Client client)
    {
        using var project = ScenarioProject.Create(ScenarioOf(fixture), client, Path.Combine(Folder(format), fixture), lockfileName);
        return reader.Read(project.File(lockfileName));
    }

    /// <summary>Compares a snapshot with the committed one, failing with a diff; or writes it when updating.</summary>
    public static void Verify(string format, string fixture, string actual)
    {
        var name = fixture + ".expected.txt";
        if (Environment.GetEnvironmentVariable("VIGIL_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceFolder(format), name), actual);
            return;
        }

        var path = Path.Combine(Folder(format), name);
        Assert.True(File.Exists(path), $"{format}/testdata/{name} is missing: run with VIGIL_UPDATE_SNAPSHOTS=1, then review it");
        var expected = File.ReadAllText(path);
        if (expected.ReplaceLineEndings("\n") != actual.ReplaceLineEndings("\n"))
        {
            Assert.Fail($"{format}/testdata/{fixture} does not read as {name} says:\n{TextDiff.Diff(expected, actual)}");
        }
    }
}
