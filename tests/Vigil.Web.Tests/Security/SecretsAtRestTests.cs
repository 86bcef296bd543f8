using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// What a copy of the database reveals without the key file: no data protection master key, no TOTP secret, no
/// e-mail text (report texts: <c>CanaryTests</c>).
/// </summary>
public sealed partial class SecretsAtRestTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_key_ring_is_stored_sealed_and_its_master_key_appears_nowhere_in_the_database(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.CreateUserAsync("reporter@example.org");
        using var browser = factory.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("reporter@example.org")).StatusCode);

        var keys = await factory.QueryAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.NotEmpty(keys);
        var cipher = factory.Services.GetRequiredService<SecretCipher>();
        string stored = await factory.StoredDataAsync();
        foreach (var key in keys)
        {
            Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
            var xml = XElement.Parse(key.Xml!);
            var sealedKey = Assert.Single(xml.Descendants(SealedKeyRingEncryptor.ElementName));
            Assert.Equal("encryptedSecret", sealedKey.Parent!.Name.LocalName);

            // What the element seals is the master key; its bytes appear in no encoding anywhere in the database.
            var opened = new SealedKeyRingDecryptor(factory.Services).Decrypt(sealedKey);
            string masterKey = opened.DescendantsAndSelf().Single(e => e.Name.LocalName == "value").Value;
            byte[] raw = Convert.FromBase64String(masterKey);
            Assert.Equal(64, raw.Length);
            foreach (string form in Forms(raw))
            {
                Assert.DoesNotContain(form, stored, StringComparison.OrdinalIgnoreCase);
            }

            // Bound to its purpose: the same bytes under another context do not open.
            byte[] sealedBytes = Convert.FromBase64String(sealedKey.Value);
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => cipher.Open(sealedBytes, "user:x:totp"));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_server_with_another_key_file_cannot_read_the_cookies_of_the_first(string engine)
    {
        using var first = await PlatformFactory.OnAsync(engine);
        await first.CreateUserAsync("reporter@example.org");
        using var browser = first.Browser();
        var signIn = await browser.SignInAsync("reporter@example.org");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        string cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("vigil.session=", StringComparison.Ordinal)).Split(';')[0];

        var sameDatabase = new Dictionary<string, string?>();
        foreach (string setting in new[] { "Vigil:Db", "Vigil:Postgres" })
        {
            if (first.Setting(setting) is { } value)
            {
                sameDatabase[setting] = value;
            }
        }

        // Control: the same database and the same key file accept the cookie (so a refusal below is the key file's doing).
        Assert.Equal(HttpStatusCode.OK, await TokensPageAsync(first, cookie));
        using (var twin = new PlatformFactory(new(sameDatabase) { ["Vigil:KeyFile"] = first.Setting("Vigil:KeyFile") }))
        {
            Assert.Equal(HttpStatusCode.OK, await TokensPageAsync(twin, cookie));
        }

        // The same database with another key file: the key ring is there, but cannot be opened.
        using var stranger = new PlatformFactory(sameDatabase);
        Assert.NotEqual(first.Setting("Vigil:KeyFile"), stranger.Setting("Vigil:KeyFile"));
        Assert.Equal(HttpStatusCode.Redirect, await TokensPageAsync(stranger, cookie));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_TOTP_secret_is_stored_sealed_to_its_user_and_appears_in_no_encoding_in_the_database(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        var user = await factory.CreateUserAsync("ada@example.org");
        using var browser = factory.Browser();
        await browser.SignInAsync("ada@example.org");
        var (_, page) = await browser.GetAsync("/account/two-factor");
        string secret = Secret().Match(page).Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        byte[] raw = Base32.Decode(secret)!;
        Assert.Equal(20, raw.Length);
        string code = Totp.Code(raw, Totp.StepAt(factory.Time.GetUtcNow()));
        var (_, enrolled) = await browser.PostAsync("/account/two-factor", new() { ["code"] = code, ["password"] = PlatformFactory.Password }, withToken: true);
        Assert.Contains("Your recovery codes", enrolled, StringComparison.Ordinal);

        string stored = await factory.StoredDataAsync();
        foreach (string form in Forms(raw).Append(secret))
        {
            Assert.DoesNotContain(form, stored, StringComparison.OrdinalIgnoreCase);
        }

        string column = (await factory.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id))).TotpSecret!;
        Assert.StartsWith(SecretCipher.TextPrefix, column, StringComparison.Ordinal);

        // The sealed secret still signs in (a later step: the enrolment code was used once).
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        using var again = factory.Browser();
        await again.SignInAsync("ada@example.org");
        var (second, _) = await again.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(raw, Totp.StepAt(factory.Time.GetUtcNow())) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        // Copied into another user's row it opens for nobody: that user's codes (from the copied secret) fail.
        var other = await factory.CreateUserAsync("eve@example.org", totpSecret: Totp.NewSecret());
        await factory.QueryAsync(db => db.Users.Where(u => u.Id == other.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, column)));
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        using var eve = factory.Browser();
        await eve.SignInAsync("eve@example.org");
        var (copied, _) = await eve.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(raw, Totp.StepAt(factory.Time.GetUtcNow())) });
        Assert.NotEqual(HttpStatusCode.Redirect, copied.StatusCode);
        Assert.Contains("does not open with the key file", factory.Logs.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Plain_values_left_by_an_earlier_version_are_sealed_at_start_and_plain_key_ring_keys_deleted(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        string secret = Totp.NewSecret();
        var user = await factory.CreateUserAsync("old@example.org", totpSecret: Totp.NewSecret());
        const string PlainKey = "<key id=\"00000000-0000-0000-0000-000000000001\" version=\"1\"><descriptor><masterKey><value>AAAA</value></masterKey></descriptor></key>";
        await factory.QueryAsync(async db =>
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, secret));
            db.Outbox.Add(new OutboxMessage { MessageId = "old@example.org", To = "old@example.org", Subject = "old subject", TextBody = "old body with a link", CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow });
            db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey { FriendlyName = "old", Xml = PlainKey });
            return await db.SaveChangesAsync();
        });
        Assert.Contains("old body with a link", await factory.StoredDataAsync(), StringComparison.Ordinal);

        int changed = await factory.Services.SealPlainSecretsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, changed);
        Assert.Equal(0, await factory.Services.SealPlainSecretsAsync(TestContext.Current.CancellationToken)); // nothing left
        string stored = await factory.StoredDataAsync();
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("old body with a link", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("old subject", stored, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.DataProtectionKeys.AnyAsync(k => k.FriendlyName == "old")));
        var mail = Assert.Single(await factory.OutboxToAsync("old@example.org"));
        Assert.Equal(("old subject", "old body with a link"), (mail.Subject, mail.TextBody));

        // The owner's authenticator app still works.
        using var browser = factory.Browser();
        await browser.SignInAsync("old@example.org");
        var (signedIn, _) = await browser.SubmitAsync("/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(Base32.Decode(secret)!, Totp.StepAt(factory.Time.GetUtcNow())) });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>
    /// The encodings a secret's bytes could be stored in: raw, hex, base32, and base64 (and base64url) at each of
    /// the three alignments the secret could have inside a longer encoded value.
    /// </summary>
    internal static IEnumerable<string> Forms(byte[] raw)
    {
        yield return System.Text.Encoding.Latin1.GetString(raw);
        yield return Convert.ToHexString(raw);
        yield return Base32.Encode(raw);
        for (int offset = 0; offset < 3; offset++)
        {
            // Encoded after `offset` other bytes: the characters that hold only the secret's bytes.
            string encoded = Convert.ToBase64String([.. new byte[offset], .. raw]);
            string inner = encoded[(offset == 0 ? 0 : 4)..^4];
            yield return inner;
            yield return inner.Replace('+', '-').Replace('/', '_');
        }
    }

    private static async Task<HttpStatusCode> TokensPageAsync(PlatformFactory factory, string cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://vigil.test"),
            HandleCookies = false,
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/tokens");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [GeneratedRegex("id=\"totp-secret\">([A-Z2-7 ]+)<")]
    private static partial Regex Secret();
}
