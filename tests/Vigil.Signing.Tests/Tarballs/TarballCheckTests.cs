using Vigil.Lockfiles;
using Vigil.Signing.Tarballs;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Tarballs;

public class TarballCheckTests(NpmPackFixture packed) : IClassFixture<NpmPackFixture>
{
    private static readonly TarballCheck Check = new();

    private ResolvedPackage Package(string? integrity = null, PackageSource? source = null) => new()
    {
        Name = "@vigil-test/packed",
        Version = "1.2.3",
        Integrity = integrity ?? packed.Integrity,
        Source = source ?? PackageSource.Registry,
    };

    private VerifyContext Context(TestRegistry registry, string? npmCache = null, bool tarballs = true) => new(
        new VerifyOptions { Registry = new Uri("https://registry.invalid/"), Tarballs = tarballs, NpmCacheDirectory = npmCache ?? packed.Scratch("empty-cache") },
        registry,
        TimeProvider.System);

    private TestRegistry Serving(byte[] tarball)
    {
        var registry = new TestRegistry();
        registry.Tarballs["@vigil-test/packed@1.2.3"] = tarball;
        return registry;
    }

    [Fact]
    public async Task A_tarball_made_by_npm_pack_passes_against_the_integrity_npm_reported()
    {
        var result = await Check.CheckAsync(Package(), Context(Serving(packed.Bytes)), CancellationToken.None);
        Assert.Equal(CheckOutcome.Verified, result.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("source", "registry"), result.Details);
        Assert.Contains(new KeyValuePair<string, string>("files", packed.Files.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.Details);
        Assert.Contains(new KeyValuePair<string, string>("package folder", "package"), result.Details);
    }

    [Fact]
    public async Task The_copy_in_npms_real_cache_is_read_before_the_registry()
    {
        var registry = new TestRegistry();
        var result = await Check.CheckAsync(Package(), Context(registry, packed.CacheWithTarball()), CancellationToken.None);
        Assert.Equal(CheckOutcome.Verified, result.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("source", "npm cache"), result.Details);
        Assert.Equal(0, registry.TarballsOpened);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public async Task A_one_byte_change_fails_the_integrity(int offset)
    {
        var changed = (byte[])packed.Bytes.Clone();
        int at = offset >= 0 ? offset : changed.Length / 2;
        changed[at] ^= 0x01;
        var result = await Check.CheckAsync(Package(), Context(Serving(changed)), CancellationToken.None);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        if (offset == 4)
        {
            // The gzip header's time: the tarball still unpacks, only the hash tells.
            Assert.StartsWith("the tarball's sha512 is ", result.Reason, StringComparison.Ordinal);
            Assert.EndsWith("not the lockfile's " + packed.Integrity, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unsafe_tarball_is_invalid_even_when_its_integrity_matches()
    {
        var (tarball, expected) = HostileTarballTests.Crafted("symlink");
        var integrity = "sha512-" + Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(tarball));
        var result = await Check.CheckAsync(Package(integrity), Context(Serving(tarball)), CancellationToken.None);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Equal("unsafe tarball: " + expected + ": package tarballs hold only files and folders", result.Reason);
    }

    [Fact]
    public async Task A_corrupt_cached_copy_is_ignored_for_the_registrys()
    {
        var cache = packed.Scratch("corrupt-cache");
        var path = NpmContentCache.ContentPath(cache, HostileTarballTests.Sha512(packed.Bytes));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var corrupt = (byte[])packed.Bytes.Clone();
        corrupt[4] ^= 0x01;
        File.WriteAllBytes(path, corrupt);
        var registry = Serving(packed.Bytes);
        var result = await Check.CheckAsync(Package(), Context(registry, cache), CancellationToken.None);
        Assert.Equal(CheckOutcome.Verified, result.Outcome);
        Assert.Equal(1, registry.TarballsOpened);
        Assert.Contains(new KeyValuePair<string, string>("cache", "npm's cached copy does not match its address (ignored)"), result.Details);
    }

    [Fact]
    public async Task An_unsafe_cached_copy_is_invalid_when_it_is_what_the_integrity_names_and_ignored_when_damaged()
    {
        var (unsafeTarball, expected) = HostileTarballTests.Crafted("symlink");
        var integrity = HostileTarballTests.Sha512(unsafeTarball);
        var cache = packed.Scratch("unsafe-cache");
        var path = NpmContentCache.ContentPath(cache, integrity);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, unsafeTarball);
        var registry = new TestRegistry();
        var package = Package(integrity.ToString());
        var result = await Check.CheckAsync(package, Context(registry, cache), CancellationToken.None);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.StartsWith("unsafe tarball: " + expected, result.Reason, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("source", "npm cache"), result.Details);

        // A truncated cache file is unreadable as a tarball but is not what its address names: the registry decides.
        File.WriteAllBytes(path, unsafeTarball[..(unsafeTarball.Length / 2)]);
        registry.Tarballs["@vigil-test/packed@1.2.3"] = unsafeTarball;
        var fallback = await Check.CheckAsync(package, Context(registry, cache), CancellationToken.None);
        Assert.Equal(1, registry.TarballsOpened);
        Assert.Equal(CheckOutcome.Invalid, fallback.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("source", "registry"), fallback.Details);
        Assert.Contains(new KeyValuePair<string, string>("cache", "npm's cached copy does not match its address (ignored)"), fallback.Details);
    }

    [Fact]
    public async Task No_copy_anywhere_is_not_verifiable_with_why()
    {
        var result = await Check.CheckAsync(Package(), Context(new TestRegistry()), CancellationToken.None);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Equal("the tarball is not available: the test registry is offline for @vigil-test/packed@1.2.3", result.Reason);
    }

    [Fact]
    public async Task Packages_without_a_registry_tarball_or_an_integrity_are_not_verifiable()
    {
        var registry = Serving(packed.Bytes);
        var git = await Check.CheckAsync(Package(source: new PackageSource(PackageSourceKind.Git, "git+https://example.invalid/r.git#abc")), Context(registry), CancellationToken.None);
        Assert.Equal(CheckOutcome.NotVerifiable, git.Outcome);
        Assert.Equal("a git dependency has no registry tarball to check", git.Reason);
        var bad = await Check.CheckAsync(Package("sha512-???"), Context(registry), CancellationToken.None);
        Assert.Equal(CheckOutcome.NotVerifiable, bad.Outcome);
        Assert.StartsWith("the lockfile's integrity cannot be read", bad.Reason, StringComparison.Ordinal);
        Assert.Equal(0, registry.TarballsOpened);
    }

    [Fact]
    public void The_check_runs_only_when_asked_for_and_is_listed()
    {
        Assert.True(Check.AppliesTo(Context(new TestRegistry())));
        Assert.False(Check.AppliesTo(Context(new TestRegistry(), tarballs: false)));
        Assert.IsType<TarballCheck>(PackageChecks.Find("tarballs"));
    }

    [Fact]
    public void The_cache_path_is_cacaches_content_v2_layout()
    {
        var hash = HostileTarballTests.Sha512(packed.Bytes);
        var hex = Convert.ToHexStringLower(hash.Digest.AsSpan());
        Assert.Equal(Path.Combine("c", "content-v2", "sha512", hex[..2], hex[2..4], hex[4..]), NpmContentCache.ContentPath("c", hash));
    }
}
