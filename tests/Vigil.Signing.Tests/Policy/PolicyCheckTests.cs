using System.Collections.Immutable;
using Vigil.Lockfiles;
using Vigil.Signing.Policy;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Policy;

/// <summary>The lockfile policy, one rule at a time (the whole-lockfile bar is in Vigil.Cli.Tests/Bars).</summary>
public sealed class PolicyCheckTests
{
    private const string Sha512 = "sha512-MmqIIuhVVnl7wGIk1aBvyS9ok6Io8KBOSSFgwvXYdKETdVHEkyKVdcIEhF4kaQkrlGjh03BhdkgHHKl7dmRkRA==";
    private static readonly VerifyOptions Options = new() { Registry = new Uri("https://registry.example.org/") };

    private static CheckResult Check(string name, string version, string? resolved, string? integrity, VerifyOptions? options = null, params string[] aliases) =>
        new PolicyCheck().Check(new ResolvedPackage { Name = name, Version = version, Resolved = resolved, Integrity = integrity, AliasNames = [.. aliases] }, options ?? Options);

    [Theory]
    [InlineData("ms", "2.1.3", "https://registry.example.org/ms/-/ms-2.1.3.tgz")]
    [InlineData("ms", "2.1.3", "https://registry.example.org/ms/-/ms-2.1.3.tgz#7a64cbd8a8f01e5b3c7ffdc8ea7e2ce2a3a8f4a0")]
    [InlineData("@types/node", "20.1.0", "https://registry.example.org/@types/node/-/node-20.1.0.tgz")]
    [InlineData("@types/node", "20.1.0", "https://registry.example.org/@types%2fnode/-/node-20.1.0.tgz")]
    [InlineData("ms", "2.1.3", null)]
    [InlineData("ms", "2.1.3", "ms@npm:2.1.3")]
    [InlineData("ms", "2.1.3", "https://registry.example.org/")]
    public void A_registry_package_over_https_from_the_registry_with_sha512_holds(string name, string version, string? resolved)
    {
        var result = Check(name, version, resolved, Sha512);
        Assert.True(result.Outcome == CheckOutcome.Verified, result.Reason);
    }

    [Theory]
    [InlineData(null, "no integrity")]
    [InlineData("", "no integrity")]
    [InlineData("sha1-7a64cbd8a8f01e5b3c7ffdc8ea7e=", "integrity:")]
    [InlineData("sha1-emTL2KjwHls8f/3I6n4s4qOo9KA=", "sha1 only")]
    [InlineData("sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "sha256")]
    [InlineData("md5-abc", "no sha1, sha256")]
    public void A_missing_weak_or_malformed_integrity_is_invalid(string? integrity, string reason)
    {
        var result = Check("ms", "2.1.3", null, integrity);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://registry.example.org/ms/-/ms-2.1.3.tgz", "not https")]
    [InlineData("https://evil.example/ms/-/ms-2.1.3.tgz", "evil.example is not an allowed host")]
    [InlineData("https://registry.example.org/evil/-/evil-2.1.3.tgz", "serves evil")]
    [InlineData("https://registry.example.org/ms/-/ms-2.1.2.tgz", "not ms@2.1.3")]
    [InlineData("https://registry.example.org/other/ms/-/ms-2.1.3.tar", "no /name/-/file.tgz")]
    [InlineData("git+https://github.com/o/r.git", "not an allowed host")]
    [InlineData("not a url", "not an absolute URL")]
    [InlineData("ms@npm:2.1.2", "is not ms@2.1.3")]
    public void A_url_that_is_not_https_from_an_allowed_host_naming_the_entry_is_invalid(string resolved, string reason)
    {
        var result = Check("ms", "2.1.3", resolved, Sha512);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_must_point_at_the_package_it_names()
    {
        // "lodash3": "npm:lodash@3.10.1", its resolved URL repointed at another package.
        var result = Check("lodash", "3.10.1", "https://registry.example.org/underscore/-/underscore-3.10.1.tgz", Sha512, null, "lodash3");
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("installed as lodash3", result.Reason, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.Verified, Check("lodash", "3.10.1", "https://registry.example.org/lodash/-/lodash-3.10.1.tgz", Sha512, null, "lodash3").Outcome);
    }

    [Fact]
    public void Allowed_hosts_default_to_the_configured_registries_and_given_ones_replace_them()
    {
        var scoped = Options with { ScopeRegistries = ImmutableDictionary<string, Uri>.Empty.Add("@acme", new Uri("https://acme.example/npm/")) };
        Assert.Equal(CheckOutcome.Verified, Check("@acme/w", "1.0.0", "https://acme.example/npm/@acme/w/-/w-1.0.0.tgz", Sha512, scoped).Outcome);
        Assert.Equal(CheckOutcome.Verified, Check("@acme/w", "1.0.0", null, Sha512, scoped).Outcome);

        var mirror = Options with { AllowedHosts = ["mirror.example"] };
        Assert.Equal(CheckOutcome.Verified, Check("ms", "2.1.3", "https://mirror.example/ms/-/ms-2.1.3.tgz", Sha512, mirror).Outcome);
        Assert.Equal(CheckOutcome.Invalid, Check("ms", "2.1.3", "https://registry.example.org/ms/-/ms-2.1.3.tgz", Sha512, mirror).Outcome);
        // With no URL in the lockfile, the configured registry's must be allowed too.
        Assert.Equal(CheckOutcome.Invalid, Check("ms", "2.1.3", null, Sha512, mirror).Outcome);
    }

    [Fact]
    public void Yarns_name_for_npms_public_registry_is_allowed_with_it_and_only_with_it()
    {
        var npm = new VerifyOptions { Registry = new Uri("https://registry.npmjs.org/") };
        const string Yarn = "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz";
        Assert.Equal(CheckOutcome.Verified, Check("ms", "2.1.3", Yarn, Sha512, npm).Outcome);
        Assert.Equal(CheckOutcome.Invalid, Check("ms", "2.1.3", Yarn, Sha512).Outcome);
        Assert.Equal(CheckOutcome.Invalid, Check("ms", "2.1.3", Yarn, Sha512, npm with { AllowedHosts = ["registry.npmjs.org"] }).Outcome);
    }

    [Fact]
    public void An_http_registry_is_invalid_unless_it_is_on_loopback()
    {
        Assert.Equal(CheckOutcome.Invalid, Check("ms", "2.1.3", null, Sha512, new VerifyOptions { Registry = new Uri("http://registry.example.org/") }).Outcome);
        Assert.Equal(CheckOutcome.Verified, Check("ms", "2.1.3", null, Sha512, new VerifyOptions { Registry = new Uri("http://127.0.0.1:4873/") }).Outcome);
    }

    [Fact]
    public void A_yarn_berry_checksum_is_accepted_and_said_to_be_no_tarball_hash()
    {
        var result = Check("ms", "2.1.3", "ms@npm:2.1.3", "10c0/" + new string('a', 128));
        Assert.Equal(CheckOutcome.Verified, result.Outcome);
        Assert.Contains("not of the tarball", result.Reason, StringComparison.Ordinal);
    }
}
