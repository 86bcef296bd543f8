using Vigil.Lockfiles;
using Vigil.Signing.Registry;
using Vigil.Signing.Verification;
using Vigil.Testing;
using Vigil.Testing.Registry;

namespace Vigil.Signing.Tests.Registry;

/// <summary>
/// Registry signatures through <see cref="HttpRegistryData"/> against the stand-in registry (a real HTTP server on
/// loopback, in npm's shapes), with a real cache folder.
/// </summary>
public sealed class RegistrySignatureCheckTests : IDisposable
{
    private static readonly DateTimeOffset Expiry = new(2025, 1, 29, 0, 0, 0, TimeSpan.Zero);
    private readonly StandInRegistry _registry = StandInRegistry.Start();
    private readonly TempDirectory _cache = new();
    private readonly HttpClient _http = new(RegistryHttp.CreateHandler());

    public void Dispose()
    {
        _registry.Dispose();
        _cache.Dispose();
        _http.Dispose();
    }

    private VerifyOptions Options(bool offline = false, string? keysFile = null) => new()
    {
        Registry = _registry.Url,
        Offline = offline,
        CacheDirectory = _cache.Path,
        KeysFile = keysFile,
    };

    private async Task<CheckResult> CheckAsync(string name, string version, string? integrity, VerifyOptions? options = null)
    {
        options ??= Options();
        var data = new HttpRegistryData(options, new RegistryHttp(_http, _ => null, TimeSpan.FromSeconds(10)));
        var package = new ResolvedPackage { Name = name, Version = version, Integrity = integrity };
        var result = await new RegistrySignatureCheck().CheckAsync(package, new VerifyContext(options, data, TimeProvider.System), TestContext.Current.CancellationToken);
        data.SaveCache();
        return result;
    }

    [Fact]
    public async Task A_signed_version_whose_lockfile_integrity_is_the_registrys_verifies()
    {
        var key = _registry.AddKey();
        var plain = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        var scoped = _registry.AddPackage("@acme/widget", "2.0.0-beta.1", signWith: key);

        var a = await CheckAsync("left-pad", "1.3.0", plain.Integrity);
        var b = await CheckAsync("@acme/widget", "2.0.0-beta.1", scoped.Integrity);

        Assert.True(a.Outcome == CheckOutcome.Verified, a.Reason);
        Assert.True(b.Outcome == CheckOutcome.Verified, b.Reason);
        Assert.Equal(key.KeyId, Assert.Single(a.Details).Value);
    }

    [Fact]
    public async Task A_version_without_signatures_is_unsigned()
    {
        _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0");
        var result = await CheckAsync("left-pad", "1.3.0", version.Integrity);
        Assert.Equal(CheckOutcome.Unsigned, result.Outcome);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public async Task A_wrong_signature_is_invalid()
    {
        var key = _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        version.Signatures[0] = (key.KeyId, key.Sign("left-pad", "1.3.1", version.Integrity));
        var result = await CheckAsync("left-pad", "1.3.0", version.Integrity);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("does not verify", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_integrity_changed_after_signing_is_invalid()
    {
        // The registry's record altered (a tampering mirror): the lockfile agrees with it, the signature does not.
        var key = _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        var other = _registry.AddPackage("left-pad", "9.9.9");
        version.Integrity = other.Integrity;
        var result = await CheckAsync("left-pad", "1.3.0", other.Integrity);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
    }

    [Fact]
    public async Task A_lockfile_integrity_that_is_not_the_registrys_is_invalid_as_tampered()
    {
        var key = _registry.AddKey();
        _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        var another = _registry.AddPackage("left-pad", "1.2.0", signWith: key);
        var result = await CheckAsync("left-pad", "1.3.0", another.Integrity);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("tampered", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_key_fails_for_versions_published_after_its_expiry_and_passes_for_those_before()
    {
        var key = _registry.AddKey(expires: Expiry);
        var before = _registry.AddPackage("old", "1.0.0", signWith: key, publishedAt: Expiry.AddDays(-1));
        var after = _registry.AddPackage("new", "1.0.0", signWith: key, publishedAt: Expiry.AddSeconds(1));
        var at = _registry.AddPackage("edge", "1.0.0", signWith: key, publishedAt: Expiry);

        var passed = await CheckAsync("old", "1.0.0", before.Integrity);
        var failed = await CheckAsync("new", "1.0.0", after.Integrity);
        var failedAt = await CheckAsync("edge", "1.0.0", at.Integrity);

        Assert.True(passed.Outcome == CheckOutcome.Verified, passed.Reason);
        Assert.Equal(CheckOutcome.Invalid, failed.Outcome);
        Assert.Contains("expired", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Invalid, failedAt.Outcome);
        // The abbreviated packument has no publish times: the full one was asked for, for the expiring key.
        Assert.Contains(_registry.Requests, r => r == "GET /new");
    }

    [Fact]
    public async Task A_signature_by_a_key_the_registry_does_not_list_is_not_verifiable()
    {
        _registry.AddKey();
        var unlisted = _registry.AddKey(listed: false);
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: unlisted);
        var result = await CheckAsync("left-pad", "1.3.0", version.Integrity);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Contains(unlisted.KeyId, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_the_cache_answers_without_a_request_and_without_it_the_package_is_not_verifiable()
    {
        var key = _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        var cold = await CheckAsync("left-pad", "1.3.0", version.Integrity, Options(offline: true));
        Assert.Equal(CheckOutcome.NotVerifiable, cold.Outcome);
        Assert.Contains("offline", cold.Reason, StringComparison.Ordinal);
        Assert.Empty(_registry.Requests);

        var online = await CheckAsync("left-pad", "1.3.0", version.Integrity);
        int requests = _registry.Requests.Count;
        _registry.Down = true;
        var warm = await CheckAsync("left-pad", "1.3.0", version.Integrity, Options(offline: true));

        Assert.Equal(CheckOutcome.Verified, online.Outcome);
        Assert.True(warm.Outcome == CheckOutcome.Verified, warm.Reason);
        Assert.Equal(requests, _registry.Requests.Count);
        Assert.Empty(Directory.GetFiles(_cache.Path, "*.tmp-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_unreachable_registry_makes_packages_not_verifiable_with_why()
    {
        var key = _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        _registry.Down = true;
        var result = await CheckAsync("left-pad", "1.3.0", version.Integrity);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Contains("503", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keys_file_replaces_the_keys_endpoint()
    {
        var key = _registry.AddKey();
        var version = _registry.AddPackage("left-pad", "1.3.0", signWith: key);
        string keys = _cache.File("keys.json");
        File.WriteAllText(keys, _registry.KeysDocument());
        _registry.NoKeysEndpoint = true;

        var result = await CheckAsync("left-pad", "1.3.0", version.Integrity, Options(keysFile: keys));

        Assert.True(result.Outcome == CheckOutcome.Verified, result.Reason);
        Assert.DoesNotContain(_registry.Requests, r => r.Contains("/keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_the_registry_does_not_have_is_not_verifiable()
    {
        _registry.AddKey();
        _registry.AddPackage("left-pad", "1.3.0");
        var missing = await CheckAsync("left-pad", "7.0.0", null);
        var hostile = await CheckAsync("../-/npm/v1/keys", "1.0.0", null);
        Assert.Equal(CheckOutcome.NotVerifiable, missing.Outcome);
        Assert.Equal(CheckOutcome.NotVerifiable, hostile.Outcome);
        Assert.Contains("not a package name", hostile.Reason, StringComparison.Ordinal);
    }
}
