using System.Text.Json;
using Vigil.Cli.Commands.Policy;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands.Policy;

/// <summary><c>vigil policy check</c> on real package folders.</summary>
public sealed class PolicyCheckCommandTests : IDisposable
{
    private const string Sha512 = "sha512-" + "q+RhWi1O0E4t7LcmMUyM8vQvzJqPAz5UjpxJYKGCV2nXgu4vRspdmZEwbpbFK0AmDmKygj8IOUjadkZa+VlbgA==";
    private const string Sha1 = "sha1-f4+kjwX8tRUIpMq45JcKsPfSrys=";

    private readonly TempDirectory _package = new();

    public PolicyCheckCommandTests()
    {
        File.WriteAllText(_package.File("package.json"), """{"name": "widget", "version": "1.0.0"}""");
    }

    public void Dispose() => _package.Dispose();

    private void Lockfile(string integrity) => File.WriteAllText(_package.File("package-lock.json"), $$$"""
        {
          "name": "widget", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
          "packages": {
            "": {"name": "widget", "version": "1.0.0", "dependencies": {"left-pad": "1.3.0"}},
            "node_modules/left-pad": {"version": "1.3.0", "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz", "integrity": "{{{integrity}}}"}
          }
        }
        """);

    private static Dictionary<string, JsonElement> Items(CliResult run)
    {
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("item").GetString()!, i => i.Clone());
    }

    [Fact]
    public void A_bare_package_lacks_everything_and_each_item_says_how_to_fix_it()
    {
        var run = CliRun.Run("policy", "check", _package.Path, "--format", "json");
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var items = Items(run);
        Assert.Equal(["security-policy", "repository", "lockfile-integrity", "signed-releases"], items.Keys);
        Assert.All(items.Values, i => Assert.Equal("missing", i.GetProperty("status").GetString()));
        Assert.All(items.Values, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("fix").GetString())));
        Assert.Equal("vigil init security-policy", items["security-policy"].GetProperty("fix").GetString());

        var table = CliRun.Run("policy", "check", _package.Path);
        Assert.Equal(ExitCodes.Findings, table.ExitCode);
        Assert.Contains("4 of 4 missing", table.Output, StringComparison.Ordinal);
        Assert.Contains("fix: vigil init security-policy", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_then_check_passes_once_the_package_has_the_rest()
    {
        File.WriteAllText(_package.File("package.json"), """
            {"name": "widget", "version": "1.0.0",
             "repository": {"type": "git", "url": "git+https://github.com/acme/widget.git"},
             "publishConfig": {"provenance": true}}
            """);
        Lockfile(Sha512);
        var before = CliRun.Run("policy", "check", _package.Path, "--format", "json");
        Assert.Equal(ExitCodes.Findings, before.ExitCode);
        Assert.Equal("missing", Items(before)["security-policy"].GetProperty("status").GetString());

        var init = CliRun.Run("init", "security-policy", _package.Path, "--platform", "https://vigil.example.org", "--offline");
        Assert.True(init.ExitCode == 0, init.Error);
        var after = CliRun.Run("policy", "check", _package.Path, "--format", "json");
        Assert.True(after.ExitCode == 0, after.Output);
        var items = Items(after);
        Assert.All(items.Values, i => Assert.Equal("pass", i.GetProperty("status").GetString()));
        Assert.Contains("https://vigil.example.org/reports/new", items["security-policy"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("all 1 registry entries", items["lockfile-integrity"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("nothing missing", CliRun.Run("policy", "check", _package.Path).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sha1_integrity_a_policy_without_contact_and_a_bad_repository_are_missing()
    {
        File.WriteAllText(_package.File("package.json"), """{"name": "widget", "repository": "not a repository"}""");
        Lockfile(Sha1);
        Directory.CreateDirectory(_package.File(".github"));
        File.WriteAllText(_package.File(".github/SECURITY.md"), "# Security\n\nPlease be nice.\n");
        var items = Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"));
        Assert.Contains(".github/SECURITY.md names no way to report", items["security-policy"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("missing", items["repository"].GetProperty("status").GetString());
        Assert.Contains("1 of 1 registry entries lack a sha512 integrity (left-pad@1.3.0)", items["lockfile-integrity"].GetProperty("detail").GetString(), StringComparison.Ordinal);

        File.WriteAllText(_package.File(".github/SECURITY.md"), "# Security\n\nWrite to security@acme.example.\n");
        File.WriteAllText(_package.File("package.json"), """{"name": "widget", "repository": "github:acme/widget"}""");
        items = Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"));
        Assert.Equal("pass", items["security-policy"].GetProperty("status").GetString());
        Assert.Equal("pass", items["repository"].GetProperty("status").GetString());
    }

    [Fact]
    public void Provenance_is_found_in_the_npmrc_or_a_publish_workflow()
    {
        Assert.Equal("missing", Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"))["signed-releases"].GetProperty("status").GetString());
        File.WriteAllText(_package.File(".npmrc"), "provenance=true\n");
        Assert.Contains(".npmrc", Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"))["signed-releases"].GetProperty("detail").GetString(), StringComparison.Ordinal);
        File.Delete(_package.File(".npmrc"));

        Directory.CreateDirectory(_package.File(".github/workflows"));
        File.WriteAllText(_package.File(".github/workflows/release.yml"), "jobs:\n  publish:\n    steps:\n      # npm publish --provenance (not yet)\n      - run: npm publish\n");
        Assert.Equal("missing", Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"))["signed-releases"].GetProperty("status").GetString());
        File.WriteAllText(_package.File(".github/workflows/release.yml"), "jobs:\n  publish:\n    steps:\n      - run: npm publish --provenance --access public\n");
        Assert.Contains("release.yml publishes with provenance", Items(CliRun.Run("policy", "check", _package.Path, "--format", "json"))["signed-releases"].GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.True(PolicyItems.PublishesWithProvenance("env:\n  NPM_CONFIG_PROVENANCE: true\nsteps:\n  - run: npm ci && npm publish\n"));
        Assert.False(PolicyItems.PublishesWithProvenance("env:\n  NPM_CONFIG_PROVENANCE: true\nsteps:\n  - run: npm test\n"));
        Assert.False(PolicyItems.PublishesWithProvenance("- run: npm publish --provenance=false\n"));
    }

    [Fact]
    public void Input_errors_follow_the_exit_codes()
    {
        File.WriteAllText(_package.File("package.json"), "{\"name\": \"widget\",\n\"version\": \"1.0.0\",,\n}");
        var malformed = CliRun.Run("policy", "check", _package.Path);
        Assert.Equal(ExitCodes.UnreadableInput, malformed.ExitCode);
        Assert.Contains("package.json:2:", malformed.Error, StringComparison.Ordinal);
        Assert.Empty(malformed.Output);

        File.WriteAllText(_package.File("package.json"), "[]");
        Assert.Equal(ExitCodes.UnreadableInput, CliRun.Run("policy", "check", _package.Path).ExitCode);

        File.WriteAllText(_package.File("package.json"), """{"name": "widget"}""");
        File.WriteAllText(_package.File("package-lock.json"), "{\"lockfileVersion\": 3, \"packages\": ");
        var lockfile = CliRun.Run("policy", "check", _package.Path);
        Assert.Equal(ExitCodes.UnreadableInput, lockfile.ExitCode);
        Assert.Contains("package-lock.json", lockfile.Error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, CliRun.Run("policy", "check", _package.Path, "--format", "xml").ExitCode);
        Assert.Equal(ExitCodes.UnreadableInput, CliRun.Run("policy", "check", _package.File("nowhere")).ExitCode);
    }
}
