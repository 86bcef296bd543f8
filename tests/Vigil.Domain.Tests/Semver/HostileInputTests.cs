using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Semver;

/// <summary>
/// The class of CVE-2022-25883: version and range text built to make a parser backtrack. Every input must be
/// answered (accepted or rejected, never a hang or crash), too long ones at once, and the work must grow
/// linearly with the length of the text.
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string, string> HugeInputs => new()
    {
        { "500,000 spaces", new string(' ', 500_000) },
        { "500,000 zeros", new string('0', 500_000) },
        { "500,000 mixed", string.Concat(Enumerable.Repeat("1.2.3-a.", 62_500)) },
        { "500,000 tildes", string.Concat(Enumerable.Repeat("~ ", 250_000)) },
        { "500,000 ors", string.Concat(Enumerable.Repeat("||", 250_000)) },
        { "version then 500,000 spaces", "1.2.3" + new string(' ', 500_000) + "<2" },
    };

    [Theory, MemberData(nameof(HugeInputs))]
    public void HalfAMillionCharacters_AreRejectedWithin100Milliseconds(string name, string text)
    {
        foreach (var options in AllOptions)
        {
            var elapsed = Fastest(() =>
            {
                Assert.False(NpmVersion.TryParse(text, options, out _, out string? versionError), name);
                Assert.Contains("longer than 256", versionError, StringComparison.Ordinal);
                Assert.False(NpmRange.TryParse(text, options, out _, out string? rangeError), name);
                Assert.Contains("longer than", rangeError, StringComparison.Ordinal);
            });
            Assert.True(elapsed < TimeSpan.FromMilliseconds(100), $"{name}: {elapsed.TotalMilliseconds} ms");
        }
    }

    /// <summary>Inputs of about <c>n</c> characters, each aimed at one step of the range parser.</summary>
    public static TheoryData<string> Shapes => new(Shape.Keys);

    private static readonly Dictionary<string, Func<int, string>> Shape = new()
    {
        ["spaces"] = n => new string(' ', n),
        ["zeros"] = n => new string('0', n),
        ["ones then dots"] = n => new string('1', n / 2) + new string('.', n / 2),
        ["loose patch digits"] = n => "1.2." + new string('3', n - 8) + ".4.5",
        ["hyphen with long prerelease"] = n => "1.2.3-" + new string('a', n / 2) + " - 2",
        ["prerelease identifiers"] = n => "1.2.3-" + string.Concat(Enumerable.Repeat("1.", n / 2 - 4)) + "x",
        ["comparators"] = n => string.Concat(Enumerable.Repeat(">1.2.3 ", n / 7)),
        ["operator runs"] = n => string.Concat(Enumerable.Repeat("> ", n / 2)),
        ["prefix runs"] = n => string.Concat(Enumerable.Repeat("v=", n / 2 - 4)) + "1.2.3",
        ["tildes"] = n => string.Concat(Enumerable.Repeat("~> ", n / 3)),
        ["ors"] = n => string.Concat(Enumerable.Repeat("1||", n / 3)),
        ["distinct ors"] = n => string.Join("||", Enumerable.Range(0, n / 4).Select(i => $"^{i}.0"))[..(n - 10)],
        ["builds"] = n => string.Concat(Enumerable.Repeat("+a.", n / 3)),
    };

    [Theory, MemberData(nameof(Shapes))]
    public void RangesUpToTheLimit_TakeLinearTime(string name)
    {
        foreach (var options in AllOptions)
        {
            string small = Shape[name](NpmRange.MaxLength / 10);
            string large = Shape[name](NpmRange.MaxLength);
            Assert.True(large.Length <= NpmRange.MaxLength, name);
            var smallTime = Fastest(() => NpmRange.TryParse(small, options, out _, out _));
            var largeTime = Fastest(() => NpmRange.TryParse(large, options, out _, out _));

            // Ten times the text may take at most fifteen times as long (plus slack for timer and GC noise).
            Assert.True(
                largeTime < (smallTime * 15) + TimeSpan.FromMilliseconds(25) && largeTime < TimeSpan.FromSeconds(1),
                $"{name} ({options}): {smallTime.TotalMilliseconds:F2} ms for {small.Length}, {largeTime.TotalMilliseconds:F2} ms for {large.Length}");
        }
    }

    private static readonly SemverOptions[] AllOptions =
        [SemverOptions.None, SemverOptions.Loose, SemverOptions.IncludePrerelease, SemverOptions.NpmAudit];

    private static TimeSpan Fastest(Action action) => ThreadCpuTime.Fastest(action);
}
