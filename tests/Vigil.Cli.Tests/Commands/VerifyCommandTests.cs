using System.Text.Json;
using Vigil.Signing.Authors;
using Vigil.Testing;
using Vigil.Testing.Registry;

namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil verify</c> end to end through <c>Cli.Run</c>, against the stand-in registry on loopback.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly StandInRegistry _registry = StandInRegistry.Start();
    private readonly TempDirectory _project = new();
    private readonly string _cache;
    private readonly PublishedVersion _signed;
    private readonly PublishedVersion _unsigned;

    public VerifyCommandTests()
    {
        _cache = _project.File("cache");
        var key = _registry.AddKey();
        _signed = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        _unsigned = _registry.AddPackage("@acme/widget", "2.0.0");
        File.WriteAllText(_project.File("package.json"), """{"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "1.3.0", "@acme/widget": "2.0.0", "local": "file:local"}}""");
        File.WriteAllText(_project.File("package-lock.json"), $$$"""
            {
              "name": "app",
              "version": "1.0.0",
              "lockfileVersion": 3,
              "requires": true,
              "packages": {
                "": {"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "1.3.0", "@acme/widget": "2.0.0", "local": "file:local"}},
                "node_modules/left-pad": {"version": "1.3.0", "integrity": "{{{_signed.Integrity}}}"},
                "node_modules/@acme/widget": {"version": "2.0.0", "integrity": "{{{_unsigned.Integrity}}}"},
                "node_modules/local": {"resolved": "local", "link": true},
                "local": {"name": "local", "version": "0.1.0"}
              }
            }
            """);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _project.Dispose();
    }

    private CliResult Verify(params string[] more) =>
        CliRun.Run(["verify", _project.Path, "--registry", _registry.Url.AbsoluteUri, "--cache", _cache, .. more]);

    [Fact]
    public void Unsigned_packages_do_not_fail_the_run_but_the_summary_counts_them()
    {
        var result = Verify();

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("1 of 3 packages verified; 2 NOT verified (0 invalid, 1 unsigned, 1 not verifiable).", result.Output.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.All(result.Output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
        Assert.Contains("not-verifiable ", result.Output, StringComparison.Ordinal);
        Assert.Contains("dependency, not from a registry", result.Output.ReplaceLineEndings(" ").Replace("      ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_check_that_does_not_verify_every_package_fails_the_run()
    {
        var result = Verify("--require", "signatures");
        var policy = Verify("--require", "policy");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--require signatures: 2 of 3 packages not verified by it.", result.Output, StringComparison.Ordinal);
        // The link dependency is not verifiable by any check: requiring the policy fails too.
        Assert.Equal(1, policy.ExitCode);
    }

    [Fact]
    public void Json_reports_every_check_of_every_package_with_the_verdict_and_the_summary()
    {
        var result = Verify("--format", "json");
        var report = JsonDocument.Parse(result.Output).RootElement;

        Assert.Equal(0, result.ExitCode);
        Assert.False(report.GetProperty("failed").GetBoolean());
        Assert.Equal(["policy", "signatures"], report.GetProperty("checks").EnumerateArray().Select(c => c.GetString()!));
        var summary = report.GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("packages").GetInt32());
        Assert.Equal(1, summary.GetProperty("verified").GetInt32());
        Assert.Equal(1, summary.GetProperty("unsigned").GetInt32());
        Assert.Equal(1, summary.GetProperty("notVerifiable").GetInt32());
        Assert.Equal(2, summary.GetProperty("checks").GetProperty("signatures").GetProperty("verified").GetInt32() + summary.GetProperty("checks").GetProperty("signatures").GetProperty("unsigned").GetInt32());
        var widget = report.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "@acme/widget");
        Assert.Equal("unsigned", widget.GetProperty("verdict").GetString());
        var signatures = widget.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("check").GetString() == "signatures");
        Assert.Equal("unsigned", signatures.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrEmpty(signatures.GetProperty("reason").GetString()));
        var local = report.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "local");
        Assert.Equal("not-verifiable", local.GetProperty("verdict").GetString());
        Assert.NotEqual("registry", local.GetProperty("source").GetString());
    }

    [Fact]
    public void Offline_works_from_what_an_earlier_run_cached_and_says_why_when_nothing_is_cached()
    {
        var cold = Verify("--offline", "--format", "json");
        Assert.Empty(_registry.Requests);
        var coldReport = JsonDocument.Parse(cold.Output).RootElement;
        Assert.Equal(0, cold.ExitCode);
        Assert.Equal(3, coldReport.GetProperty("summary").GetProperty("notVerifiable").GetInt32());

        Assert.Equal(0, Verify().ExitCode);
        int requests = _registry.Requests.Count;
        var warm = Verify("--offline", "--require", "signatures", "--format", "json");
        var warmReport = JsonDocument.Parse(warm.Output).RootElement;

        Assert.Equal(requests, _registry.Requests.Count);
        Assert.Equal(1, warmReport.GetProperty("summary").GetProperty("verified").GetInt32());
        Assert.Equal(1, warmReport.GetProperty("summary").GetProperty("unsigned").GetInt32());
        Assert.Equal(1, warm.ExitCode);
    }

    [Fact]
    public void A_lockfile_integrity_that_is_not_the_registrys_fails_the_run()
    {
        var other = _registry.AddPackage("left-pad", "1.2.0", signWith: _registry.Keys[0]);
        File.WriteAllText(_project.File("package-lock.json"), File.ReadAllText(_project.File("package-lock.json")).Replace(_signed.Integrity, other.Integrity, StringComparison.Ordinal));

        var result = Verify();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid        left-pad@1.3.0", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_project_npmrc_beside_the_lockfile_names_the_registry()
    {
        File.WriteAllText(_project.File(".npmrc"), $"registry={_registry.Url.AbsoluteUri}\n");
        var result = CliRun.Run("verify", _project.Path, "--cache", _cache, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(_registry.Url.AbsoluteUri, JsonDocument.Parse(result.Output).RootElement.GetProperty("registry").GetString());
        Assert.NotEmpty(_registry.Requests);
    }

    [Fact]
    public void A_token_from_the_project_npmrc_goes_to_its_registry_only_and_is_never_printed()
    {
        const string Token = "test-token-5f2b9c";
        File.WriteAllText(_project.File(".npmrc"), $"registry={_registry.Url.AbsoluteUri}\n//{_registry.Url.Authority}/:_authToken={Token}\n//elsewhere.example/:_authToken=other-token\n");
        var result = CliRun.Run("verify", _project.Path, "--cache", _cache);

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(_registry.Authorizations);
        Assert.All(_registry.Authorizations, a => Assert.Equal("Bearer " + Token, a));
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_can_go_to_a_file()
    {
        string file = _project.File("report.json");
        var result = Verify("--format", "json", "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(3, JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("summary").GetProperty("packages").GetInt32());
        Assert.Contains("1 of 3 packages verified", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gets_the_documented_exit_codes_and_errors_naming_the_file_and_line()
    {
        File.WriteAllText(_project.File("package-lock.json"), "{\n  \"lockfileVersion\": 3,\n  \"packages\": [\n}");
        var broken = Verify();
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("package-lock.json:", broken.Error, StringComparison.Ordinal);

        using var empty = new TempDirectory();
        Assert.Equal(6, CliRun.Run("verify", empty.Path, "--registry", _registry.Url.AbsoluteUri).ExitCode);
        Assert.Equal(2, Verify("--require", "everything").ExitCode);
        Assert.Equal(2, Verify("--registry", "ftp://example.org/").ExitCode);
        var keys = Verify("--keys", _project.File("no-such-keys.json"));
        Assert.Equal(3, keys.ExitCode);
        Assert.Contains("no-such-keys.json", keys.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Author_signatures_made_by_vigil_sign_verify_against_the_pinned_keyring_until_the_key_is_revoked()
    {
        string sigs = _project.File("signatures");
        Directory.CreateDirectory(sigs);
        Assert.Equal(0, CliRun.Run("keygen", "--out", _project.File("alice.key")).ExitCode);
        var signed = CliRun.Run("sign", _signed.Integrity, "--name", "left-pad", "--version", "1.3.0", "--key", _project.File("alice.key"), "--out", Path.Combine(sigs, "left-pad@1.3.0.sig"));
        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.True(AuthorPublicKey.TryFromPem(File.ReadAllText(_project.File("alice.key.pub")), out var alice, out string? error), error);
        using var platform = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        File.WriteAllText(_project.File("keyring.pub"), platform.PublicKey.ToPem());
        var since = DateTimeOffset.UtcNow.AddDays(-1);
        var expires = DateTimeOffset.UtcNow.AddDays(7);
        void Publish(long version, DateTimeOffset? revokedAt) => File.WriteAllBytes(
            _project.File("keyring.json"),
            SignedKeyring.Sign(new Keyring(version, since, [new KeyringEntry("left-pad", "alice", alice!, since, revokedAt, revokedAt is null ? null : "compromised")]) { Expires = expires }, platform));
        string? Authors(CliResult result, string package) => JsonDocument.Parse(result.Output).RootElement.GetProperty("packages").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == package).GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("check").GetString() == "authors").GetProperty("outcome").GetString();
        CliResult Run() => Verify("--format", "json", "--keyring", _project.File("keyring.json"), "--keyring-key", _project.File("keyring.pub"), "--signatures", sigs);

        Publish(1, revokedAt: null);
        var first = Run();
        Assert.Equal("verified", Authors(first, "left-pad"));
        Assert.Equal("unsigned", Authors(first, "@acme/widget"));

        Publish(2, revokedAt: DateTimeOffset.UtcNow);
        var revoked = Run();
        Assert.Equal("invalid", Authors(revoked, "left-pad"));
        Assert.Equal(1, revoked.ExitCode);

        // The first keyring again, still validly signed: older than one already seen, so it is refused.
        Publish(1, revokedAt: null);
        Assert.NotEqual("verified", Authors(Run(), "left-pad"));

        // A newer keyring that has expired: refused, saying so (the table shows the reason).
        expires = DateTimeOffset.UtcNow.AddDays(-2);
        Publish(3, revokedAt: null);
        var expired = Verify("--keyring", _project.File("keyring.json"), "--keyring-key", _project.File("keyring.pub"), "--signatures", sigs);
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains("expired at", expired.Output, StringComparison.Ordinal);
        Assert.Contains("freeze attack", expired.Output, StringComparison.Ordinal);
    }
}
