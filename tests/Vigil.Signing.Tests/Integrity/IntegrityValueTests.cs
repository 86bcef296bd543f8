using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Integrity;

namespace Vigil.Signing.Tests.Integrity;

public class IntegrityValueTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("a tarball's bytes");

#pragma warning disable CA5350 // SHA-1 integrities are what old lockfiles hold: the tests make some.
    private static byte[] Sha1(byte[] content) => SHA1.HashData(content);
#pragma warning restore CA5350

    private static string Sri(string algorithm, byte[] digest) => algorithm + "-" + Convert.ToBase64String(digest);

    [Fact]
    public void A_sha512_entry_matches_its_content_and_nothing_else()
    {
        Assert.True(IntegrityValue.TryParse(Sri("sha512", SHA512.HashData(Content)), out var value, out var error), error);
        Assert.True(value!.Strongest.MatchesContent(Content));
        Assert.False(value.Strongest.MatchesContent([.. Content, 0]));
        Assert.False(value.IsSha1Only);
    }

    [Fact]
    public void The_strongest_entry_is_chosen_whatever_the_order()
    {
        string text = Sri("sha1", Sha1(Content)) + " " + Sri("sha512", SHA512.HashData(Content)) + "?opt " + Sri("sha256", SHA256.HashData(Content));
        Assert.True(IntegrityValue.TryParse(text, out var value, out _));
        Assert.Equal(3, value!.Hashes.Length);
        Assert.Equal(IntegrityAlgorithm.Sha512, value.Strongest.Algorithm);
        Assert.Equal(text, value.ToString());
    }

    [Fact]
    public void The_sha512_entry_is_the_last_one_and_absent_from_a_string_without_one()
    {
        string last = Sri("sha512", SHA512.HashData([1]));
        Assert.True(IntegrityValue.TryParse(Sri("sha512", SHA512.HashData(Content)) + " " + last + " " + Sri("sha256", SHA256.HashData(Content)), out var value, out _));
        Assert.Equal(last, value!.Sha512!.ToString());
        Assert.True(IntegrityValue.TryParse(Sri("sha384", SHA384.HashData(Content)), out var without, out _));
        Assert.Null(without!.Sha512);
    }

    [Fact]
    public void Sha1_alone_is_flagged()
    {
        Assert.True(IntegrityValue.TryParse(Sri("sha1", Sha1(Content)), out var value, out _));
        Assert.True(value!.IsSha1Only);
    }

    [Fact]
    public void Unknown_algorithms_are_skipped_but_a_string_of_only_those_is_refused()
    {
        Assert.True(IntegrityValue.TryParse("md5-AAAA " + Sri("sha384", SHA384.HashData(Content)), out var value, out _));
        Assert.Single(value!.Hashes);
        Assert.False(IntegrityValue.TryParse("md5-AAAA", out _, out var error));
        Assert.Contains("no sha1, sha256, sha384 or sha512", error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("sha512", "algorithm-digest")]
    [InlineData("sha512-not*base64", "not 64 bytes")]
    [InlineData("sha512-AAAA", "not 64 bytes")]
    public void Malformed_strings_say_why(string text, string expected)
    {
        Assert.False(IntegrityValue.TryParse(text, out var value, out var error));
        Assert.Null(value);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_digest_one_byte_too_long_is_refused()
    {
        Assert.False(IntegrityValue.TryParse(Sri("sha256", [.. SHA256.HashData(Content), 1]), out _, out var error));
        Assert.Contains("not 32 bytes", error);
    }

    [Fact]
    public void Very_long_strings_are_refused_before_parsing()
    {
        Assert.False(IntegrityValue.TryParse(new string('a', IntegrityValue.MaxLength + 1), out _, out var error));
        Assert.Contains("longer than", error);
    }

    [Fact]
    public void Values_sharing_an_entry_are_recognised()
    {
        var sha512 = Sri("sha512", SHA512.HashData(Content));
        Assert.True(IntegrityValue.TryParse(sha512, out var a, out _));
        Assert.True(IntegrityValue.TryParse(Sri("sha1", Sha1(Content)) + " " + sha512, out var b, out _));
        Assert.True(IntegrityValue.TryParse(Sri("sha512", SHA512.HashData([1])), out var c, out _));
        Assert.True(a!.SharesHashWith(b!));
        Assert.False(a.SharesHashWith(c!));
    }
}
