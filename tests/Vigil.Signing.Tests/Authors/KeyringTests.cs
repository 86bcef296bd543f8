using System.Collections.Immutable;
using System.Text;
using Vigil.Signing.Authors;

namespace Vigil.Signing.Tests.Authors;

public class KeyringTests
{
    internal static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AuthorKeyAlgorithm.Ed25519)]
    [InlineData(AuthorKeyAlgorithm.EcdsaP256)]
    public void A_signed_keyring_verifies_with_its_pinned_key_only(AuthorKeyAlgorithm algorithm)
    {
        using var platform = AuthorPrivateKey.Generate(algorithm);
        using var author = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        var keyring = new Keyring(3, Start, [
            new KeyringEntry("@scope/*", "alice", author.PublicKey, Start),
            new KeyringEntry("left-pad", "bob", author.PublicKey, Start, Start.AddDays(1), "compromised"),
        ]) { Expires = Start.AddDays(7) };
        var published = SignedKeyring.Sign(keyring, platform);

        Assert.True(SignedKeyring.TryVerify(published, platform.PublicKey, out var read, out var error), error);
        Assert.Equal(3, read!.Version);
        Assert.Equal(Start.AddDays(7), read.Expires);
        Assert.Equal(keyring.Entries.Select(e => (e.Package, e.Account, e.Key.KeyId, e.RevokedAt, e.RevokedReason)),
            read.Entries.Select(e => (e.Package, e.Account, e.Key.KeyId, e.RevokedAt, e.RevokedReason)));

        using var other = AuthorPrivateKey.Generate(algorithm);
        Assert.False(SignedKeyring.TryVerify(published, other.PublicKey, out _, out error));
        Assert.Contains("other than the pinned", error);
    }

    [Fact]
    public void A_changed_payload_byte_fails()
    {
        using var platform = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        using var author = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        var keyring = new Keyring(1, Start, [new KeyringEntry("left-pad", "alice", author.PublicKey, Start)]);
        var payload = keyring.ToPayload();
        var signature = platform.Sign(SignedMessage.Encode(SignedMessage.KeyringDomain, payload));
        for (int i = 0; i < payload.Length; i += 7)
        {
            var changed = (byte[])payload.Clone();
            changed[i] ^= 0x20;
            string file = $$"""{"format":"vigil-signed-keyring","formatVersion":1,"keyId":"{{platform.PublicKey.KeyId}}","algorithm":"ed25519","payload":"{{Convert.ToBase64String(changed)}}","signature":"{{Convert.ToBase64String(signature)}}"}""";
            Assert.False(SignedKeyring.TryVerify(Encoding.UTF8.GetBytes(file), platform.PublicKey, out _, out var error), $"byte {i}");
            Assert.Contains("does not verify", error);
        }
    }

    [Theory]
    [InlineData("@scope/*", "@scope/pkg", true)]
    [InlineData("@scope/*", "@scopes/pkg", false)]
    [InlineData("@scope/*", "@scope/", false)]
    [InlineData("left-pad", "left-pad", true)]
    [InlineData("left-pad", "left-pad2", false)]
    public void Entries_cover_their_package_or_scope(string pattern, string name, bool covered)
    {
        using var author = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        Assert.Equal(covered, new KeyringEntry(pattern, "a", author.PublicKey, Start).Covers(name));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("left-*")]
    [InlineData("@scope/a*")]
    [InlineData("a b")]
    [InlineData("../x")]
    public void Wider_patterns_are_not_package_patterns(string pattern) => Assert.False(Keyring.IsPackagePattern(pattern));

    [Fact]
    public void A_superseded_key_keeps_its_earlier_signatures_and_a_compromised_one_keeps_none()
    {
        using var author = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        var revoked = Start.AddDays(10);
        var superseded = new KeyringEntry("a", "alice", author.PublicKey, Start, revoked, Keyring.Superseded);
        var compromised = superseded with { RevokedReason = "compromised" };
        Assert.True(superseded.Honours(revoked.AddSeconds(-1)));
        Assert.False(superseded.Honours(revoked));
        Assert.False(compromised.Honours(Start));
        Assert.True((superseded with { RevokedAt = null }).Honours(revoked.AddYears(1)));
    }

    [Fact]
    public void Broken_payloads_name_the_entry_and_field()
    {
        using var author = AuthorPrivateKey.Generate(AuthorKeyAlgorithm.Ed25519);
        var good = Encoding.UTF8.GetString(new Keyring(1, Start, [new KeyringEntry("a", "alice", author.PublicKey, Start)]).ToPayload());
        Assert.False(Keyring.TryParsePayload(Encoding.UTF8.GetBytes(good.Replace("\"package\":\"a\"", "\"package\":\"*\"", StringComparison.Ordinal)), out _, out var error));
        Assert.Equal("the keyring's entries[0]: 'package' is not a package name or @scope/*", error);
        Assert.False(Keyring.TryParsePayload(Encoding.UTF8.GetBytes(good.Replace("\"version\":1", "\"version\":0", StringComparison.Ordinal)), out _, out error));
        Assert.Contains("'version'", error);
        Assert.False(Keyring.TryParsePayload(Encoding.UTF8.GetBytes(good.Replace("SHA256:", "SHA256:x", StringComparison.Ordinal)), out _, out error));
        Assert.Contains("'keyId'", error);
        Assert.True(Keyring.TryParsePayload(Encoding.UTF8.GetBytes(good), out _, out error), error);
        _ = ImmutableArray<KeyringEntry>.Empty;
    }
}
