using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Vigil.Lockfiles;
using Vigil.Signing.Authors;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Authors;

public sealed class AuthorsCheckTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly AuthorPrivateKey platform = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
    private readonly AuthorPrivateKey alice = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
    private readonly AuthorPrivateKey bob = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.EcdsaP256);

    public AuthorsCheckTests()
    {
        Directory.CreateDirectory(Signatures);
        File.WriteAllText(KeyringKeyFile, platform.PublicKey.ToPem());
    }

    private string Signatures => Path.Combine(folder.Path, "signatures");

    private string KeyringFile => Path.Combine(folder.Path, "keyring.json");

    private string KeyringKeyFile => Path.Combine(folder.Path, "keyring.pub");

    private string Cache => Path.Combine(folder.Path, "cache");

    public void Dispose()
    {
        platform.Dispose();
        alice.Dispose();
        bob.Dispose();
        folder.Dispose();
    }

    private static ResolvedPackage Package(string name, string version, string content = "tarball") =>
        new() { Name = name, Version = version, Integrity = AuthorSignatureTests.IntegrityOf(content).ToString() };

    // A week from now, as the platform signs it (Vigil:AuthorKeys:KeyringValidityDays).
    private DateTimeOffset? expires = DateTimeOffset.UtcNow.AddDays(7);

    private void Publish(long version, params KeyringEntry[] entries) =>
        File.WriteAllBytes(KeyringFile, SignedKeyring.Sign(new Keyring(version, KeyringTests.Start, [.. entries]) { Expires = expires }, platform));

    private void Sign(AuthorPrivateKey key, string name, string version, string content = "tarball", DateTimeOffset? created = null, string? fileName = null) =>
        File.WriteAllText(Path.Combine(Signatures, fileName ?? AuthorsCheck.FileName(name, version)!),
            AuthorSignature.Create(key, name, version, AuthorSignatureTests.IntegrityOf(content), created ?? KeyringTests.Start.AddDays(1)).ToJson());

    private async Task<CheckResult> CheckAsync(ResolvedPackage package, string? keyring = null, string? keyringKey = "", bool offline = false)
    {
        var options = new VerifyOptions
        {
            Registry = new Uri("https://registry.example/"),
            Keyring = keyring ?? KeyringFile,
            KeyringKey = keyringKey == "" ? KeyringKeyFile : keyringKey,
            Signatures = Signatures,
            CacheDirectory = Cache,
            Offline = offline,
        };
        var context = new VerifyContext(options, new NoRegistry(), TimeProvider.System);
        var check = new AuthorsCheck();
        Assert.True(check.AppliesTo(context));
        return await check.CheckAsync(package, context, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_package_signed_by_a_key_the_keyring_lists_for_it_is_verified()
    {
        Publish(1, new KeyringEntry("@scope/*", "alice", alice.PublicKey, KeyringTests.Start), new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        Sign(alice, "@scope/pkg", "1.0.0");
        Sign(bob, "left-pad", "1.3.0");
        var scoped = await CheckAsync(Package("@scope/pkg", "1.0.0"));
        Assert.Equal(CheckOutcome.Verified, scoped.Outcome);
        Assert.Contains(new KeyValuePair<string, string>("account", "alice"), scoped.Details);
        Assert.Equal(CheckOutcome.Verified, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);
        Assert.True(File.Exists(Path.Combine(Signatures, "@scope%2fpkg@1.0.0.sig")));
    }

    [Fact]
    public async Task No_signature_is_unsigned_and_says_whether_the_keyring_expects_one()
    {
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Unsigned, result.Outcome);
        Assert.Contains("lists 1 key(s)", result.Reason);
        Assert.Equal(CheckOutcome.Unsigned, (await CheckAsync(Package("other", "1.0.0"))).Outcome);
    }

    [Fact]
    public async Task Signatures_of_another_package_tarball_or_key_are_invalid()
    {
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start), new KeyringEntry("right-pad", "alice", alice.PublicKey, KeyringTests.Start));
        Sign(bob, "left-pad", "1.0.0", fileName: "left-pad@1.3.0.sig");
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal((CheckOutcome.Invalid, true), (result.Outcome, result.Reason!.Contains("left-pad@1.0.0", StringComparison.Ordinal)));

        Sign(bob, "left-pad", "1.3.0", content: "another tarball");
        result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal((CheckOutcome.Invalid, true), (result.Outcome, result.Reason!.Contains("integrity", StringComparison.Ordinal)));

        Sign(alice, "left-pad", "1.3.0");
        result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal((CheckOutcome.Invalid, true), (result.Outcome, result.Reason!.Contains("for right-pad only", StringComparison.Ordinal)));

        var signature = AuthorSignature.Create(bob, "left-pad", "1.3.0", AuthorSignatureTests.IntegrityOf("tarball"), KeyringTests.Start);
        var forged = signature with { Signature = alice.Sign(signature.Message()) };
        File.WriteAllText(Path.Combine(Signatures, "left-pad@1.3.0.sig"), forged.ToJson());
        result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal((CheckOutcome.Invalid, true), (result.Outcome, result.Reason!.Contains("does not verify", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unknown_key_is_not_verifiable()
    {
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        using var stranger = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        Sign(stranger, "left-pad", "1.3.0");
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Contains("does not list", result.Reason);
    }

    [Fact]
    public async Task Revocation_takes_effect_on_the_next_verify()
    {
        var registered = new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start);
        Publish(1, registered);
        Sign(bob, "left-pad", "1.3.0", created: KeyringTests.Start.AddDays(5));
        Assert.Equal(CheckOutcome.Verified, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);

        Publish(2, registered with { RevokedAt = KeyringTests.Start.AddDays(10), RevokedReason = Keyring.Superseded });
        Assert.Equal(CheckOutcome.Verified, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);
        Sign(bob, "left-pad", "1.3.0", created: KeyringTests.Start.AddDays(11));
        Assert.Equal(CheckOutcome.Invalid, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);

        Publish(3, registered with { RevokedAt = KeyringTests.Start.AddDays(10), RevokedReason = "compromised" });
        Sign(bob, "left-pad", "1.3.0", created: KeyringTests.Start.AddDays(5));
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("compromised", result.Reason);
    }

    [Fact]
    public async Task An_older_keyring_is_refused_once_a_newer_one_was_seen()
    {
        var registered = new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start);
        Publish(5, registered with { RevokedAt = KeyringTests.Start, RevokedReason = "compromised" });
        Sign(bob, "left-pad", "1.3.0");
        Assert.Equal(CheckOutcome.Invalid, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);

        Publish(4, registered);
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("older than version 5", result.Reason);
    }

    [Fact]
    public async Task An_expired_keyring_is_refused_as_a_possible_freeze_attack_and_a_fresh_one_is_taken()
    {
        var entry = new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start);
        Sign(bob, "left-pad", "1.3.0");
        expires = DateTimeOffset.UtcNow.AddHours(-3);
        Publish(1, entry);
        var stale = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Invalid, stale.Outcome);
        Assert.Contains("expired at", stale.Reason, StringComparison.Ordinal);
        Assert.Contains("3 hours ago", stale.Reason, StringComparison.Ordinal);
        Assert.Contains("freeze attack", stale.Reason, StringComparison.Ordinal);

        expires = DateTimeOffset.UtcNow.AddMinutes(5);
        Publish(1, entry);
        Assert.Equal(CheckOutcome.Verified, (await CheckAsync(Package("left-pad", "1.3.0"))).Outcome);
    }

    [Fact]
    public async Task A_keyring_without_an_expiry_is_refused()
    {
        expires = null;
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        Sign(bob, "left-pad", "1.3.0");
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("no 'expires'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_or_missing_keyring_or_key_is_reported_for_every_package()
    {
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        Sign(bob, "left-pad", "1.3.0");
        File.WriteAllBytes(KeyringFile, SignedKeyring.Sign(new Keyring(9, KeyringTests.Start, []) { Expires = expires }, bob));
        var result = await CheckAsync(Package("left-pad", "1.3.0"));
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.Contains("other than the pinned keyring key", result.Reason);

        Assert.Equal(CheckOutcome.NotVerifiable, (await CheckAsync(Package("left-pad", "1.3.0"), keyring: Path.Combine(folder.Path, "none.json"))).Outcome);
        result = await CheckAsync(Package("left-pad", "1.3.0"), keyringKey: null);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Contains("--keyring-key", result.Reason);
    }

    [Fact]
    public async Task A_keyring_served_over_http_is_cached_for_offline_runs()
    {
        Publish(1, new KeyringEntry("left-pad", "bob", bob.PublicKey, KeyringTests.Start));
        Sign(bob, "left-pad", "1.3.0");
        // A real HTTP server on loopback serving the keyring file (no mock): HttpListener.
        int port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var serving = Task.Run(async () =>
        {
            var request = await listener.GetContextAsync();
            var bytes = await File.ReadAllBytesAsync(KeyringFile);
            request.Response.ContentType = "application/json";
            await request.Response.OutputStream.WriteAsync(bytes);
            request.Response.Close();
        }, TestContext.Current.CancellationToken);
        string url = $"http://127.0.0.1:{port}/keyring.json";

        Assert.Equal(CheckOutcome.NotVerifiable, (await CheckAsync(Package("left-pad", "1.3.0"), keyring: url, offline: true)).Outcome);
        Assert.Equal(CheckOutcome.Verified, (await CheckAsync(Package("left-pad", "1.3.0"), keyring: url)).Outcome);
        await serving;
        listener.Stop();
        var offline = await CheckAsync(Package("left-pad", "1.3.0"), keyring: url, offline: true);
        Assert.Equal(CheckOutcome.Verified, offline.Outcome);
        var down = await CheckAsync(Package("left-pad", "1.3.0"), keyring: url);
        Assert.Equal(CheckOutcome.NotVerifiable, down.Outcome);
        Assert.Contains("cannot be fetched", down.Reason);
    }

    [Theory]
    [InlineData("@scope/pkg", "1.0.0", "@scope%2fpkg@1.0.0.sig")]
    [InlineData("..", "1.0.0", null)]
    [InlineData("a/b/c", "1.0.0", null)]
    [InlineData("a", "1.0.0/../../x", null)]
    public void Signature_file_names_never_leave_the_folder(string name, string version, string? expected) =>
        Assert.Equal(expected, AuthorsCheck.FileName(name, version));

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>The authors check reads nothing from the registry: every question is unanswered (a stand-in, since no registry is involved).</summary>
    private sealed class NoRegistry : IRegistryData
    {
        public ValueTask<Fetched<RegistryVersion>> GetVersionAsync(string name, string version, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Fetched.Unavailable<RegistryVersion>("not used"));

        public ValueTask<Fetched<ImmutableArray<RegistryKey>>> GetKeysAsync(string name, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Fetched.Unavailable<ImmutableArray<RegistryKey>>("not used"));

        public ValueTask<Fetched<byte[]>> GetAttestationsAsync(string name, string version, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Fetched.Unavailable<byte[]>("not used"));

        public ValueTask<Fetched<Stream>> OpenTarballAsync(ResolvedPackage package, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Fetched.Unavailable<Stream>("not used"));
    }
}
