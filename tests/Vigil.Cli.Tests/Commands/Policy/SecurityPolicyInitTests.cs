using System.Text;
using Vigil.Cli.Commands.Policy;
using Vigil.Cli.Tests.Commands.Sync;
using Vigil.Disclosure.Deadlines;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands.Policy;

/// <summary><c>vigil init security-policy</c> on real package folders, against a real HTTP server on loopback.</summary>
public sealed class SecurityPolicyInitTests : IDisposable
{
    private readonly TempDirectory _package = new();
    private readonly LoopbackFiles _platform = new();

    public SecurityPolicyInitTests()
    {
        File.WriteAllText(_package.File("package.json"), """{"name": "@acme/widget", "version": "1.0.0"}""");
    }

    public void Dispose()
    {
        _platform.Dispose();
        _package.Dispose();
    }

    private string Written => File.ReadAllText(_package.File("SECURITY.md"));

    private void ServePolicy(int firstResponse, int publication, string? reportUrl = null) =>
        _platform.Put(DisclosureTerms.DocumentPath, Encoding.UTF8.GetBytes($$"""
            {"firstResponseBusinessDays": {{firstResponse}}, "publicationDays": {{publication}}, "holidays": [],
             "platformUrl": "https://vigil.example.org", "reportUrl": "{{reportUrl ?? "https://vigil.example.org/reports/new"}}",
             "policyUrl": "https://vigil.example.org/policies/disclosure"}
            """));

    [Fact]
    public void The_deadlines_and_the_report_link_come_from_the_platform()
    {
        ServePolicy(3, 30);
        var run = CliRun.Run("init", "security-policy", _package.Path, "--platform", _platform.Url + "/");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1, _platform.Requests(DisclosureTerms.DocumentPath));
        string text = Written;
        Assert.Contains("# Security policy of @acme/widget", text, StringComparison.Ordinal);
        Assert.Contains("<https://vigil.example.org/reports/new>", text, StringComparison.Ordinal);
        Assert.Contains("within 3 business days", text, StringComparison.Ordinal);
        Assert.Contains("within 30 days", text, StringComparison.Ordinal);
        Assert.Contains("<https://vigil.example.org/policies/disclosure>", text, StringComparison.Ordinal);
        Assert.Contains("(from the platform)", run.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_package.Path, "*.tmp", SearchOption.AllDirectories).Concat(Directory.GetFiles(_package.Path, ".SECURITY*")));
    }

    [Fact]
    public void Offline_states_the_working_groups_defaults_and_says_so()
    {
        var run = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"within {DisclosurePolicy.Default.FirstResponseBusinessDays} business days", Written, StringComparison.Ordinal);
        Assert.Contains($"within {DisclosurePolicy.Default.PublicationDays} days", Written, StringComparison.Ordinal);
        Assert.Contains("<https://vigil.example.net/reports/new>", Written, StringComparison.Ordinal);
        Assert.Contains("the Working Group's defaults: --offline", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_platform_is_read_from_the_projects_npmrc_as_npm_reads_its_settings()
    {
        ServePolicy(2, 60);
        File.WriteAllText(_package.File(".npmrc"), $"; the WG's platform\nvigil-platform = {_platform.Url}\n");
        var run = CliRun.Run("init", "security-policy", _package.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("within 60 days", Written, StringComparison.Ordinal);
        Assert.Contains("the npm setting vigil-platform", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_security_policy_is_kept_unless_forced()
    {
        File.WriteAllText(_package.File("SECURITY.md"), "mine\n");
        var run = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.Equal(ExitCodes.UnreadableInput, run.ExitCode);
        Assert.Contains("SECURITY.md exists; --force replaces it", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine\n", Written);

        var forced = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline", "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.StartsWith("# Security policy of @acme/widget", Written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://vigil.example.org", "is not an http(s) URL")]
    [InlineData("vigil.example.org", "is not an http(s) URL")]
    [InlineData("https://vigil.example.org/?x=1", "is not an http(s) URL")]
    [InlineData("https://user@vigil.example.org", "is not an http(s) URL")]
    [InlineData("http://vigil.example.org", "must use https")]
    public void A_bad_platform_address_is_a_usage_error(string url, string message)
    {
        var run = CliRun.Run("init", "security-policy", _package.Path, "--platform", url, "--offline");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--platform: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.File("SECURITY.md")));
    }

    [Fact]
    public void A_platform_that_does_not_serve_the_policy_writes_nothing()
    {
        var missing = CliRun.Run("init", "security-policy", _package.Path, "--platform", _platform.Url);
        Assert.Equal(ExitCodes.UnreadableInput, missing.ExitCode);
        Assert.Contains("answered 404", missing.Error, StringComparison.Ordinal);
        Assert.Contains("--offline", missing.Error, StringComparison.Ordinal);

        _platform.Put(DisclosureTerms.DocumentPath, "{\"publicationDays\": \"soon\""u8.ToArray());
        var broken = CliRun.Run("init", "security-policy", _package.Path, "--platform", _platform.Url);
        Assert.Equal(ExitCodes.UnreadableInput, broken.ExitCode);
        Assert.Contains("not valid JSON", broken.Error, StringComparison.Ordinal);

        ServePolicy(2, 45, reportUrl: "javascript:alert(1)");
        var hostile = CliRun.Run("init", "security-policy", _package.Path, "--platform", _platform.Url);
        Assert.Equal(ExitCodes.UnreadableInput, hostile.ExitCode);
        Assert.Contains("\"reportUrl\" is not an https URL", hostile.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.File("SECURITY.md")));
        Assert.Empty(Directory.GetFiles(_package.Path, "*.tmp"));
    }

    [Fact]
    public void No_package_json_or_a_malformed_one_is_named_with_its_line()
    {
        using var empty = new TempDirectory();
        var none = CliRun.Run("init", "security-policy", empty.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.Equal(ExitCodes.UnreadableInput, none.ExitCode);
        Assert.Contains("no package.json here", none.Error, StringComparison.Ordinal);

        File.WriteAllText(_package.File("package.json"), "{\n  \"name\": \"widget\",\n  \"version\": 1.0.0\n}\n");
        var malformed = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.Equal(ExitCodes.UnreadableInput, malformed.ExitCode);
        Assert.Contains("package.json:3:", malformed.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", malformed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", malformed.Error, StringComparison.Ordinal);

        File.WriteAllText(_package.File("package.json"), "{\"name\": \"<script>alert(1)</script>\"}");
        var badName = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.Equal(ExitCodes.UnreadableInput, badName.ExitCode);
        Assert.Contains("\"name\" is not a valid npm package name", badName.Error, StringComparison.Ordinal);

        File.WriteAllText(_package.File("package.json"), new string('[', 5000));
        var deep = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.net", "--offline");
        Assert.Equal(ExitCodes.UnreadableInput, deep.ExitCode);
        Assert.Contains("package.json:1:", deep.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_package.File("SECURITY.md")));
    }
}
