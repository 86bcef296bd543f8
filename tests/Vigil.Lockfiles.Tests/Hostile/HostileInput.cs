using System.Text;
using Vigil.Lockfiles.Tests.Support;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>
/// The formats the hostile-input tests run over, each with a real fixture to start from, and the checks every
/// hostile input must pass: a typed error naming the file and line, or a correct result; never an exception other
/// than a failed assertion, and within a bound on processor time.
/// </summary>
internal static class HostileInput
{
    /// <summary>The processor time one hostile read may take (the bound is 2 s wall clock for the whole CLI).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Formats => ["npm", "pnpm", "yarn-classic", "yarn-berry", "bun"];

    public static (LockfileFileReader Reader, string LockfileName, string Fixture) Of(string format) => format switch
    {
        "npm" => (LockfileReaders.Npm, "package-lock.json", Path.Combine(Fixtures.Folder("Npm"), "workspaces.v3.json")),
        "pnpm" => (LockfileReaders.Pnpm, "pnpm-lock.yaml", Path.Combine(Fixtures.Folder("Pnpm"), "workspaces.v9.yaml")),
        "yarn-classic" => (LockfileReaders.Yarn, "yarn.lock", Path.Combine(Fixtures.Folder("Yarn"), "workspaces.v1.lock")),
        "yarn-berry" => (LockfileReaders.Yarn, "yarn.lock", Path.Combine(Fixtures.Folder("Yarn"), "workspaces.berry.lock")),
        "bun" => (LockfileReaders.Bun, "bun.lock", Path.Combine(Fixtures.Folder("Bun"), "workspaces.v2.lock")),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string FixtureText(string format) => File.ReadAllText(Of(format).Fixture);

    /// <summary>Reads content as the format's lockfile in the workspaces scenario's folder, timing it.</summary>
    public static LockfileReadResult Read(string format, byte[] content)
    {
        var (reader, name, _) = Of(format);
        var path = Path.Combine(Fixtures.Scenarios, "workspaces", name);
        var start = ThreadCpuTime.Now();
        var result = reader.Read(content, path);
        var elapsed = ThreadCpuTime.Now() - start;
        Assert.True(elapsed < TimeLimit, $"reading took {elapsed.TotalMilliseconds:N0} ms of processor time");
        return result;
    }

    public static LockfileReadResult Read(string format, string content) => Read(format, Encoding.UTF8.GetBytes(content));

    /// <summary>Asserts a typed error of the kind, naming the lockfile, at the line (when given) and with a line of 1 or more.</summary>
    public static LockfileError AssertError(LockfileReadResult result, LockfileErrorKind kind, int? line = null)
    {
        Assert.False(result.Succeeded, "expected an error, read " + result);
        Assert.Equal(kind, result.Error.Kind);
        Assert.True(result.Error.Line >= 1, "the error names no line: " + result.Error.Message);
        if (line is not null)
        {
            Assert.True(line == result.Error.Line, $"expected line {line}: {result.Error.Message}");
        }

        Assert.StartsWith(Path.Combine(Fixtures.Scenarios, "workspaces"), result.Error.File, StringComparison.Ordinal);
        Assert.Contains($":{result.Error.Line}:", result.Error.Message, StringComparison.Ordinal);
        return result.Error;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/>.</summary>
    public static int LineOf(string content, string text) => content[..content.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
