using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Signing.Provenance;
using Vigil.Signing.Verification;
using Vigil.Testing;

namespace Vigil.Signing.Tests.Provenance;

/// <summary>
/// A real bundle of Sigstore's public-good instance (see <c>testdata/README.md</c>) against Sigstore's real trust
/// root: the real Fulcio chain, the real Rekor key's signed entry timestamp, the real log entry body. Not an npm
/// provenance bundle (none can be fetched here), so its payload type is <c>text/plain</c>.
/// </summary>
public class PublicGoodBundleTests
{
    private static JsonNode Bundle() => JsonNode.Parse(File.ReadAllText(Path.Combine(
        SharedData.RepositoryRoot, "tests", "Vigil.Signing.Tests", "Provenance", "testdata", "public-good-dsse-bundle.json")))!;

    private static VerifiedBundle Verify(JsonNode bundle)
    {
        using var json = JsonDocument.Parse(bundle.ToJsonString());
        return BundleVerifier.Verify(SigstoreBundle.Parse(json.RootElement), TrustRootTests.PublicGood(), "text/plain");
    }

    [Fact]
    public void A_real_public_good_bundle_verifies_against_sigstores_trust_root()
    {
        var verified = Verify(Bundle());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1685987575), verified.SignedAt);
        Assert.Equal(22797666, verified.LogIndex);
        Assert.Equal("https://rekor.sigstore.dev", verified.Log);
        Assert.Contains("sigstore-intermediate", verified.Leaf.Issuer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("payload", "the DSSE signature does not verify")]
    [InlineData("time", "the signed entry timestamp of the transparency log https://rekor.sigstore.dev does not verify")]
    public void Altering_the_real_bundle_fails(string what, string reason)
    {
        var bundle = Bundle();
        if (what == "payload")
        {
            bundle["dsseEnvelope"]!["payload"] = Convert.ToBase64String("hello, world?"u8);
        }
        else
        {
            bundle["verificationMaterial"]!["tlogEntries"]![0]!["integratedTime"] = "1685987576";
        }

        var e = Assert.Throws<ProvenanceException>(() => Verify(bundle));
        Assert.Equal(CheckOutcome.Invalid, e.Outcome);
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
    }
}
