using Vigil.Lockfiles.Tests.Support;

namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>Text that is not the format: garbage, truncation, duplicate keys.</summary>
public sealed class SyntaxTests
{
    public static TheoryData<string> Formats => HostileInput.Formats;

    [Theory]
    [MemberData(nameof(Formats))]
    public void Text_that_is_not_the_format_is_a_syntax_error(string format)
    {
        var result = HostileInput.Read(format, "this is not a lockfile: {[\n  nor is: this ]\n");
        Assert.False(result.Succeeded, "read garbage as " + result);
        Assert.True(result.Error.Kind is LockfileErrorKind.Syntax or LockfileErrorKind.InvalidContent, result.Error.Message);
        Assert.True(result.Error.Line is 1 or 2, result.Error.Message);
    }

    /// <summary>
    /// A file cut anywhere is an error, or carries a warning, or (cut at a line break inside the last entry of a
    /// line-based format, which no reader can tell from a whole file) holds exactly the same packages: a package is
    /// never dropped silently.
    /// </summary>
    [Theory]
    [MemberData(nameof(Formats))]
    public void A_truncated_file_never_reads_as_a_complete_one(string format)
    {
        var bytes = File.ReadAllBytes(HostileInput.Of(format).Fixture);
        var whole = HostileInput.Read(format, bytes);
        var packages = Snapshot.Packages(whole.Lockfile!);
        var cuts = Enumerable.Range(1, 40).Select(i => bytes.Length * i / 41)
            .Concat(Enumerable.Range(0, bytes.Length).Where(i => bytes[i] == '\n').Select(i => i + 1));
        foreach (var cut in cuts.Distinct().Where(c => c < bytes.Length && bytes.AsSpan(c).ContainsAnyExcept(" \n"u8)))
        {
            var result = HostileInput.Read(format, bytes[..cut]);
            var whatHappened = result.Succeeded ? string.Join("; ", result.Lockfile.Warnings) : result.Error.Message;
            Assert.True(!result.Succeeded || !result.Lockfile.Warnings.IsEmpty || Snapshot.Packages(result.Lockfile) == packages, $"cut at byte {cut}: {whatHappened}");
        }
    }

    [Fact]
    public void A_duplicate_key_in_JSON_is_an_error_at_the_second_key()
    {
        var text = HostileInput.FixtureText("npm");
        var entry = "    \"node_modules/ms\": {\n      \"version\": \"2.1.3\"\n    },\n";
        var at = text.IndexOf("    \"node_modules/once\"", StringComparison.Ordinal);
        var hostile = text[..at] + entry + text[at..];
        HostileInput.AssertError(HostileInput.Read("npm", hostile), LockfileErrorKind.DuplicateKey, HostileInput.LineOf(hostile, "    \"node_modules/ms\": {\n      \"version\": \"2.1.3\"\n    },\n    \"node_modules/once\""));
    }

    [Theory]
    [InlineData("pnpm", "  ms@2.1.3:\n    resolution: {integrity: sha512-x}\n\n", "  once@1.4.0:")]
    [InlineData("yarn-berry", "\"ms@npm:2.1.3\":\n  version: 2.1.3\n  resolution: \"ms@npm:2.1.3\"\n\n", "\"once@npm:1.4.0\":")]
    [InlineData("yarn-classic", "ms@2.1.3:\n  version \"2.1.3\"\n\n", "once@1.4.0:")]
    [InlineData("bun", "    \"ms\": [\"ms@2.1.3\", \"\", {}, \"sha512-x\"],\n", "    \"once\": [")]
    public void A_duplicate_key_is_an_error_at_the_second_key(string format, string duplicate, string before)
    {
        var text = HostileInput.FixtureText(format);
        var at = text.IndexOf(before, StringComparison.Ordinal);
        var hostile = text[..at] + duplicate + text[at..];
        var error = HostileInput.AssertError(HostileInput.Read(format, hostile), LockfileErrorKind.DuplicateKey, HostileInput.LineOf(hostile, duplicate + before));
        Assert.Contains("duplicate key", error.Reason, StringComparison.Ordinal);
    }
}
