using System.Text;
using Vigil.Signing.Registry;

namespace Vigil.Signing.Tests.Registry;

/// <summary>Hostile registry documents: a reason naming the field, never an exception.</summary>
public sealed class RegistryDocumentsTests
{
    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{}", "no 'versions'")]
    [InlineData("{\"versions\":{\"1.0.0\":{}}}", "dist is missing")]
    [InlineData("{\"versions\":{\"1.0.0\":{\"dist\":{\"integrity\":5}}}}", "integrity is not a string")]
    [InlineData("{\"versions\":{\"1.0.0\":{\"dist\":{\"signatures\":{}}}}}", "signatures is not an array")]
    [InlineData("{\"versions\":{\"1.0.0\":{\"dist\":{\"signatures\":[{\"keyid\":\"k\"}]}}}}", "signatures[0] needs")]
    [InlineData("{\"versions\":{\"1.0.0\":{\"dist\":{}}},\"time\":{\"1.0.0\":\"yesterday\"}}", "is not a date")]
    [InlineData("{\"versions\":", "not valid JSON")]
    public void A_malformed_packument_is_an_error_naming_the_field(string json, string reason)
    {
        Assert.Null(RegistryDocuments.ReadVersion(Encoding.UTF8.GetBytes(json), "p", "1.0.0", out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deeply_nested_packument_is_refused()
    {
        string json = "{\"versions\":" + new string('[', 10_000) + new string(']', 10_000) + "}";
        Assert.Null(RegistryDocuments.ReadVersion(Encoding.UTF8.GetBytes(json), "p", "1.0.0", out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("{}", "no 'keys'")]
    [InlineData("{\"keys\":[{\"keyid\":\"k\"}]}", "keys[0] needs")]
    [InlineData("{\"keys\":[{\"keyid\":\"k\",\"key\":\"x\",\"expires\":\"soon\"}]}", "expires is not")]
    public void A_malformed_keys_document_is_an_error_naming_the_field(string json, string reason)
    {
        Assert.Null(RegistryDocuments.ReadKeys(Encoding.UTF8.GetBytes(json), out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keys_document_in_npms_shape_is_read()
    {
        var keys = RegistryDocuments.ReadKeys(Encoding.UTF8.GetBytes("""
            {"keys":[{"expires":"2025-01-29T00:00:00.000Z","keyid":"SHA256:a","keytype":"ecdsa-sha2-nistp256","scheme":"ecdsa-sha2-nistp256","key":"AAAA"},
                     {"expires":null,"keyid":"SHA256:b","keytype":"ecdsa-sha2-nistp256","scheme":"ecdsa-sha2-nistp256","key":"BBBB"}]}
            """), out string? error);
        Assert.Null(error);
        Assert.Equal(2, keys!.Value.Length);
        Assert.Equal(new DateTimeOffset(2025, 1, 29, 0, 0, 0, TimeSpan.Zero), keys.Value[0].Expires);
        Assert.Null(keys.Value[1].Expires);
    }
}
