using System.Text;
using Vigil.Lockfiles.Npm;
using Vigil.Lockfiles.Tests.Hostile;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Npm;

/// <summary>
/// The names guessed from a package-lock.json's bytes before it is scanned (<see cref="NpmNamesAhead"/>). That they
/// cover every package of every real lockfile is checked in <see cref="NpmFastReaderTests"/>; here, the forms and
/// the hostile input.
/// </summary>
public sealed class NpmNamesAheadTests
{
    [Fact]
    public void Keys_give_the_last_installed_name_and_name_fields_their_value()
    {
        var names = Find("""
            {"name": "project", "lockfileVersion": 3, "packages": {
              "": {"name": "project"},
              "node_modules/a": {"version": "1.0.0"},
              "node_modules/a/node_modules/@s/b" : {"version": "1.0.0"},
              "packages/w/node_modules/c":{"version": "1.0.0"},
              "node_modules/x":{"name":"lodash","version": "4.17.4"},
              "node_modules/link": {"resolved": "node_modules/not-a-key", "link": true}
            }}
            """);
        Assert.Equal(["@s/b", "a", "c", "link", "lodash", "project", "x"], names!.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"lockfileVersion\": 1, \"dependencies\": {\"node_modules/a\": {}}}")]
    [InlineData("{\"lockfileVersion\": 23, \"packages\": {\"node_modules/a\": {}}}")]
    [InlineData("{\"lockfileVersion\": \"3\", \"packages\": {\"node_modules/a\": {}}}")]
    [InlineData("{\"packages\": {\"node_modules/a\": {}}}")]
    public void Nothing_is_guessed_unless_the_version_is_2_or_3(string content) => Assert.Null(Find(content));

    [Theory]
    [InlineData("\"node_modules/a\\u0062\": {}")]
    [InlineData("\"node_modules/\": {}")]
    [InlineData("\"node_modules/a\n\": {}")]
    [InlineData("\"name\": \"\"")]
    [InlineData("\"name\": \"unterminated")]
    [InlineData("\"name\": 12")]
    public void Escaped_empty_and_broken_names_are_left_out(string entry)
    {
        var names = Find("{\"lockfileVersion\": 3, \"packages\": {" + entry + "}}");
        Assert.Equal([], names!);
    }

    [Fact]
    public void A_name_longer_than_npm_allows_is_left_out()
    {
        var names = Find($"{{\"lockfileVersion\": 3, \"packages\": {{\"node_modules/{new string('a', 215)}\": {{}}, \"node_modules/{new string('b', 214)}\": {{}}}}}}");
        Assert.Equal([new string('b', 214)], names!);
    }

    [Fact]
    public void Hostile_files_cost_linear_time_and_a_bounded_set()
    {
        // 300,000 distinct keys: more names than any lockfile may install; then 40 MB of half-keys without quotes.
        var keys = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {");
        for (var i = 0; i < 300_000; i++)
        {
            keys.Append("\"node_modules/p").Append(i).Append("\": {},");
        }

        var many = Timed(keys.Append("}}").ToString());
        Assert.Equal(LockfileLimits.MaxInstalledPackages, many!.Count);
        var unquoted = "{\"lockfileVersion\": 3, \"packages\": {" + new StringBuilder().Insert(0, "node_modules/\"name\":", 2_000_000) + "}}";
        Assert.Equal([], Timed(unquoted)!);

        // 60,000 distinct names of npm's longest length: 12.8 million characters, past the 4 million the set may hold.
        var longNames = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {");
        for (var i = 0; i < 60_000; i++)
        {
            longNames.Append("\"node_modules/").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append('x', 208).Append("\": {},");
        }

        var bounded = Timed(longNames.Append("}}").ToString());
        Assert.InRange(bounded!.Sum(name => name.Length), 4_000_000, 4 * 1024 * 1024);
        Assert.All(bounded!, name => Assert.Equal(214, name.Length));
    }

    private static HashSet<string>? Timed(string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var start = ThreadCpuTime.Now();
        var names = NpmNamesAhead.Find(bytes);
        var elapsed = ThreadCpuTime.Now() - start;
        Assert.True(elapsed < HostileInput.TimeLimit, $"guessing took {elapsed.TotalMilliseconds:N0} ms of processor time");
        return names;
    }

    private static HashSet<string>? Find(string content) => NpmNamesAhead.Find(Encoding.UTF8.GetBytes(content));
}
