using System.Text;
using Vigil.Testing;

namespace Vigil.Lockfiles.Tests.Hostile;

/// <summary>Input past the limits: 10,000-level nesting in every syntax, and a 100 MB file.</summary>
public sealed class LimitTests
{
    private const int Deep = 10_000;

    public static TheoryData<string, string> DeepInputs => new()
    {
        { "npm", "{\"lockfileVersion\": 3, \"packages\": " + string.Concat(Enumerable.Repeat("{\"a\": ", Deep)) + "1" + new string('}', Deep + 1) },
        { "npm", "{\"lockfileVersion\": 3, \"packages\": " + new string('[', Deep) + new string(']', Deep) + "}" },
        { "bun", "{\"lockfileVersion\": 1, \"packages\": " + new string('[', Deep) + new string(']', Deep) + "}\n" },
        { "pnpm", "lockfileVersion: '9.0'\npackages: " + new string('[', Deep) + new string(']', Deep) + "\n" },
        { "pnpm", "lockfileVersion: '9.0'\npackages: " + string.Concat(Enumerable.Repeat("{a: ", Deep)) + "1" + new string('}', Deep) + "\n" },
        { "pnpm", "lockfileVersion: '9.0'\n" + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 300) + "b: 1\n" },
        { "pnpm", "lockfileVersion: '9.0'\npackages:\n" + string.Concat(Enumerable.Range(1, 300).Select(i => new string(' ', 2 * i) + "- \n")) },
        { "yarn-berry", "__metadata:\n  version: 8\nx: " + new string('[', Deep) + new string(']', Deep) + "\n" },
        { "yarn-classic", "# yarn lockfile v1\n\n" + string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', 2 * i) + "a:\n")) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_is_an_error_not_a_stack_overflow(string format, string content)
    {
        var error = HostileInput.AssertError(HostileInput.Read(format, content), LockfileErrorKind.TooDeep);
        Assert.Contains($"deeper than {LockfileLimits.MaxDepth}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_lock_folder_nested_past_the_limit_is_an_error()
    {
        var location = string.Concat(Enumerable.Repeat("node_modules/a/", LockfileLimits.MaxDepth + 1)).TrimEnd('/');
        var content = $"{{\"lockfileVersion\": 3, \"packages\": {{\"\": {{}},\n\"{location}\": {{\"version\": \"1.0.0\"}}}}}}";
        HostileInput.AssertError(HostileInput.Read("npm", content), LockfileErrorKind.TooDeep, 2);
    }

    [Fact]
    public void Many_dependencies_of_a_deep_package_resolve_quickly()
    {
        // 2,000 names, each installed at the top, all needed by a package 200 folders deep: 400,000 folder lookups.
        var names = Enumerable.Range(0, 2000).Select(i => $"n{i}").ToList();
        var deep = string.Concat(Enumerable.Repeat("node_modules/a/", 200)).TrimEnd('/');
        var content = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"dependencies\": {\"a\": \"1.0.0\"}}");
        var chain = "node_modules/a";
        for (var i = 1; i <= 200; i++, chain += "/node_modules/a")
        {
            content.Append($", \"{chain}\": {{\"version\": \"1.0.0\", \"dependencies\": {{\"a\": \"1.0.0\"}}}}");
        }

        content.Append($", \"{deep}/node_modules/b\": {{\"version\": \"1.0.0\", \"dependencies\": {{{string.Join(", ", names.Select(n => $"\"{n}\": \"1.0.0\""))}}}}}");
        content.Append(string.Concat(names.Select(n => $", \"node_modules/{n}\": {{\"version\": \"1.0.0\"}}")));
        var result = HostileInput.Read("npm", content.Append("}}").ToString());
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(2000 + 2, result.Lockfile.Packages.Length);
    }

    [Theory]
    [InlineData("package-lock.json")]
    [InlineData("pnpm-lock.yaml")]
    [InlineData("yarn.lock")]
    [InlineData("bun.lock")]
    public void A_100_MB_file_is_refused_by_its_size_before_it_is_read(string name)
    {
        using var folder = new TempDirectory();
        using (var file = File.Create(folder.File(name)))
        {
            file.SetLength(100L * 1024 * 1024);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = LockfileReaders.Read(folder.File(name));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1024 * 1024, "the file was read before its size was checked");
        Assert.False(result.Succeeded);
        Assert.Equal(LockfileErrorKind.TooLarge, result.Error.Kind);
        Assert.Equal(folder.File(name), result.Error.File);
        Assert.Contains("104,857,600 bytes", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxFileBytes", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_over_the_limit_is_refused_before_it_is_parsed()
    {
        var content = new byte[LockfileLimits.MaxFileBytes + 1];
        var result = LockfileReaders.Npm.Read(content, "package-lock.json");
        Assert.False(result.Succeeded);
        Assert.Equal(LockfileErrorKind.TooLarge, result.Error.Kind);
    }

    [Fact]
    public void A_large_real_sized_lockfile_reads_within_the_time_limit()
    {
        // 5,000 packages in a chain and a fan: the shape of a big monorepo's lockfile, a few MB.
        var text = new StringBuilder("{\"lockfileVersion\": 3, \"packages\": {\"\": {\"dependencies\": {\"p0\": \"1.0.0\"");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(", \"q").Append(i).Append("\": \"1.0.0\"");
        }

        text.Append("}}");
        for (var i = 0; i < 5000; i++)
        {
            text.Append(", \"node_modules/p").Append(i).Append("\": {\"version\": \"1.0.0\", \"dependencies\": {\"p").Append(i + 1).Append("\": \"1.0.0\"}}");
            text.Append(", \"node_modules/q").Append(i).Append("\": {\"version\": \"1.0.").Append(i).Append("\", \"dependencies\": {\"p").Append(i).Append("\": \"1.0.0\"}}");
        }

        text.Append("}}");
        var result = HostileInput.Read("npm", text.ToString());
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal(10_000, result.Lockfile.Packages.Length);
        Assert.True(result.Lockfile.Packages.Single(p => p.Name == "p4999").PathsTruncated);
    }
}
