using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Lockfiles;
using Vigil.Signing.Authors;
using Vigil.Signing.Integrity;
using Vigil.Web.Features.AuthorKeys;
using Vigil.Web.Tests.Maintainers;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.AuthorKeys;

/// <summary>
/// A maintainer registers an author key with proof of possession, rotates it, a triager revokes it, and the signed
/// keyring at /keyring.json says so at once: the authors check verifies a signature, then refuses it after the revocation.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AuthorKeysTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_maintainer_registers_rotates_and_a_triager_revokes_and_the_keyring_follows(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var reporter = await ReportSteps.ReporterAsync(factory, "reporter@example.org");
        var (triager, _) = await ReportSteps.TriagerAsync(factory, "triager@example.org");
        using var _t = triager;
        var id = await ReportSteps.SubmitAsync(reporter); // left-pad
        await ReportSteps.TransitionAsync(triager, id, "Accept");
        using var maintainer = await MaintainerSteps.InviteAndJoinAsync(factory, triager, id, "maintainer@example.org");
        using var first = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        using var second = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.EcdsaP256);
        using var stranger = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);

        // Refusals: another key's signature, a package not maintained, a used challenge, an expired challenge. Nothing is stored.
        string challenge = await ChallengeAsync(maintainer);
        await RefusedAsync(maintainer, Body("left-pad", first, challenge, stranger), HttpStatusCode.BadRequest, "signature:");
        await RefusedAsync(maintainer, Body("left-pad", first, challenge, first), HttpStatusCode.BadRequest, "challenge: The challenge is unknown, already used");
        await RefusedAsync(maintainer, Body("right-pad", first, await ChallengeAsync(maintainer), first), HttpStatusCode.BadRequest, "package: You are not a maintainer of right-pad");
        await RefusedAsync(reporter, Body("left-pad", first, await ChallengeAsync(reporter), first), HttpStatusCode.BadRequest, "package: You are not a maintainer");
        string late = await ChallengeAsync(maintainer);
        factory.Time.Advance(AuthorKeyService.ChallengeLifetime + TimeSpan.FromSeconds(1));
        await RefusedAsync(maintainer, Body("left-pad", first, late, first), HttpStatusCode.BadRequest, "challenge:");
        Assert.Equal(0, await factory.QueryAsync(db => db.Set<AuthorKeyRecord>().CountAsync()));
        var (empty, _) = await KeyringAsync(factory);
        Assert.Equal(1, empty.Version);
        Assert.Empty(empty.Entries);

        // Registered with proof of possession.
        var registered = await SendAsync(maintainer, HttpMethod.Post, "/api/author-keys", Body("left-pad", first, await ChallengeAsync(maintainer), first));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        long firstId = (await registered.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
        var (keyring, published) = await KeyringAsync(factory);
        Assert.Equal(2, keyring.Version);
        var entry = Assert.Single(keyring.Entries);
        Assert.Equal(("left-pad", first.PublicKey.KeyId, (DateTimeOffset?)null), (entry.Package, entry.Key.KeyId, entry.RevokedAt));
        Assert.DoesNotContain("maintainer@example.org", Encoding.UTF8.GetString(published), StringComparison.Ordinal);

        // A signature by the registered key verifies against the published keyring.
        using var folder = new Folder();
        var package = new ResolvedPackage { Name = "left-pad", Version = "1.3.1", Integrity = Integrity("the tarball") };
        var signedBefore = AuthorSignature.Create(first, "left-pad", "1.3.1", IntegrityOf(package.Integrity), factory.Time.GetUtcNow().AddSeconds(-5));
        Assert.Equal(Vigil.Signing.Verification.CheckOutcome.Verified, AuthorsCheck.Judge(package, keyring, "left-pad@1.3.1.sig", Encoding.UTF8.GetBytes(signedBefore.ToJson())).Outcome);

        // Rotation: a new key replaces the first, which is revoked as superseded; older signatures keep counting.
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var rotated = await SendAsync(maintainer, HttpMethod.Post, "/api/author-keys", Body("left-pad", second, await ChallengeAsync(maintainer), second, replaces: first.PublicKey.KeyId));
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        long secondId = (await rotated.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
        (keyring, _) = await KeyringAsync(factory);
        Assert.Equal(4, keyring.Version);
        Assert.Equal(Keyring.Superseded, keyring.Entries.Single(e => e.Key.KeyId == first.PublicKey.KeyId).RevokedReason);
        Assert.Equal(Vigil.Signing.Verification.CheckOutcome.Verified, AuthorsCheck.Judge(package, keyring, "s", Encoding.UTF8.GetBytes(signedBefore.ToJson())).Outcome);
        var signedAfter = AuthorSignature.Create(first, "left-pad", "1.3.1", IntegrityOf(package.Integrity), factory.Time.GetUtcNow().AddSeconds(5));
        Assert.Equal(Vigil.Signing.Verification.CheckOutcome.Invalid, AuthorsCheck.Judge(package, keyring, "s", Encoding.UTF8.GetBytes(signedAfter.ToJson())).Outcome);

        // Revocation: the reporter cannot see the key (404); a triager revokes it as compromised, once.
        await triager.GetAsync("/reports");
        await reporter.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(reporter, HttpMethod.Post, $"/api/author-keys/{secondId}/revoke", new { reason = "compromised" })).StatusCode);
        await RefusedAsync(triager, new { reason = "" }, HttpStatusCode.BadRequest, "reason:", $"/api/author-keys/{secondId}/revoke");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(triager, HttpMethod.Post, $"/api/author-keys/{secondId}/revoke", new { reason = "compromised" })).StatusCode);
        await RefusedAsync(maintainer, new { reason = "compromised" }, HttpStatusCode.Conflict, "already revoked", $"/api/author-keys/{secondId}/revoke");
        await RefusedAsync(maintainer, new { reason = "compromised" }, HttpStatusCode.Conflict, "already revoked", $"/api/author-keys/{firstId}/revoke");
        (keyring, _) = await KeyringAsync(factory);
        Assert.Equal(5, keyring.Version);
        var signedBySecond = AuthorSignature.Create(second, "left-pad", "1.3.1", IntegrityOf(package.Integrity), factory.Time.GetUtcNow().AddDays(-1));
        var refused = AuthorsCheck.Judge(package, keyring, "s", Encoding.UTF8.GetBytes(signedBySecond.ToJson()));
        Assert.Equal(Vigil.Signing.Verification.CheckOutcome.Invalid, refused.Outcome);
        Assert.Contains("compromised", refused.Reason, StringComparison.Ordinal);

        // The owner's list, and the audit log.
        var list = await SendAsync(maintainer, HttpMethod.Get, "/api/author-keys", null);
        Assert.Equal(2, (await list.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetArrayLength());
        var actions = await factory.QueryAsync(db => db.AuditLog.AsNoTracking().Where(a => a.Action.StartsWith("author-key.")).OrderBy(a => a.Sequence).Select(a => a.Action).ToListAsync());
        Assert.Equal(["author-key.registered", "author-key.revoked", "author-key.registered", "author-key.revoked"], actions);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_keyring_answers_its_etag_with_not_modified(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        using var client = factory.CreateClient();
        using var first = await client.GetAsync("/keyring.json", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/keyring.json");
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.True(File.Exists(KeyringSigningKey.PathOf(factory.Services.GetRequiredService<IConfiguration>()) + ".pub"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyringSigningKey.PathOf(factory.Services.GetRequiredService<IConfiguration>())));
    }

    [Theory]
    [InlineData(null, 7)]
    [InlineData("3", 3)]
    public async Task The_keyring_expires_after_the_configured_days_counted_from_the_hour_it_is_signed(string? configured, int days)
    {
        using var factory = new PlatformFactory(configured is null ? null : new() { ["Vigil:AuthorKeys:KeyringValidityDays"] = configured });
        var before = DateTimeOffset.UtcNow;
        var (keyring, _) = await KeyringAsync(factory);
        var after = DateTimeOffset.UtcNow;

        var expires = Assert.NotNull(keyring.Expires);
        Assert.Equal(0, expires.Minute + expires.Second);
        Assert.InRange(expires, before.AddDays(days).AddHours(-1), after.AddDays(days));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    [InlineData("a week")]
    public void A_bad_keyring_validity_stops_the_start_naming_the_setting(string configured)
    {
        using var factory = new PlatformFactory(new() { ["Vigil:AuthorKeys:KeyringValidityDays"] = configured });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Vigil:AuthorKeys:KeyringValidityDays", e.ToString(), StringComparison.Ordinal);
    }

    private static object Body(string package, AuthorPrivateKey key, string challenge, AuthorPrivateKey signer, string? replaces = null) => new
    {
        package,
        publicKey = key.PublicKey.ToPem(),
        challenge,
        signature = Convert.ToBase64String(signer.Sign(SignedMessage.ForKeyChallenge(challenge, key.PublicKey.KeyId))),
        replaces,
    };

    private static async Task<string> ChallengeAsync(TestBrowser browser)
    {
        var response = await SendAsync(browser, HttpMethod.Post, "/api/author-keys/challenges", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString()!;
    }

    private static async Task RefusedAsync(TestBrowser browser, object body, HttpStatusCode status, string message, string path = "/api/author-keys")
    {
        var response = await SendAsync(browser, HttpMethod.Post, path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestBrowser browser, HttpMethod method, string path, object? body)
    {
        if (browser.FormToken is null)
        {
            await browser.GetAsync("/account/tokens"); // a page carries the anti-forgery token
        }

        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", browser.FormToken);
        return await browser.Client.SendAsync(request);
    }

    private static async Task<(Keyring Keyring, byte[] Published)> KeyringAsync(PlatformFactory factory)
    {
        using var client = factory.CreateClient();
        var bytes = await client.GetByteArrayAsync("/keyring.json");
        string pub = await File.ReadAllTextAsync(KeyringSigningKey.PathOf(factory.Services.GetRequiredService<IConfiguration>()) + ".pub");
        Assert.True(AuthorPublicKey.TryFromPem(pub, out var pinned, out _));
        Assert.True(SignedKeyring.TryVerify(bytes, pinned!, out var keyring, out var error), error);
        return (keyring!, bytes);
    }

    private static string Integrity(string content) => "sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(content)));

    private static IntegrityValue IntegrityOf(string? text)
    {
        Assert.True(IntegrityValue.TryParse(text, out var value, out _));
        return value!;
    }

    private sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("vigil-keys-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
