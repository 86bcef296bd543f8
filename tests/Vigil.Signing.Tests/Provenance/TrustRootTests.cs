using Vigil.Signing.Provenance;
using Vigil.Testing;

namespace Vigil.Signing.Tests.Provenance;

public class TrustRootTests
{
    /// <summary>
    /// Sigstore's public trusted_root.json as npm itself carries it (embedded in <c>@sigstore/tuf</c>'s seeds.json,
    /// the TUF target npm's <c>audit signatures</c> starts from): read from the npm installed on the machine.
    /// </summary>
    [Fact]
    public void Sigstores_public_trusted_root_as_npm_ships_it_is_read()
    {
        var root = PublicGood();
        Assert.Contains(root.Authorities, a => a.Uri == "https://fulcio.sigstore.dev" && a.Chain.Length == 2);
        Assert.Contains(root.Logs, l => l.BaseUrl == "https://rekor.sigstore.dev" && l.KeyDetails == "PKIX_ECDSA_P256_SHA_256");
    }

    /// <summary>Sigstore's public trusted_root.json, from npm's install.</summary>
    internal static TrustRoot PublicGood()
    {
        var npmRoot = NodeTools.Run("npm", ["root", "-g"], Path.GetTempPath(), "", TimeSpan.FromMinutes(1)).StandardOutput.Trim();
        var seeds = Path.Combine(npmRoot, "npm", "node_modules", "@sigstore", "tuf", "seeds.json");
        Assert.True(File.Exists(seeds), seeds + " is missing: npm's install is not where npm says");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(seeds));
        var target = json.RootElement.GetProperty("https://tuf-repo-cdn.sigstore.dev").GetProperty("targets").GetProperty("trusted_root.json").GetString()!;
        Assert.True(TrustRoot.TryParse(Convert.FromBase64String(target), "trusted_root.json", out var root, out var error), error);
        return root!;
    }

    [Theory]
    [InlineData("{", "t.json is not JSON")]
    [InlineData("""{"certificateAuthorities":[]}""", "t.json: 'tlogs' is missing or not an array")]
    [InlineData("""{"certificateAuthorities":[{"certChain":{"certificates":[]},"validFor":{"start":"2022-01-01T00:00:00Z"}}],"tlogs":[]}""", "t.json: certificateAuthorities[0]: the certificate chain is empty")]
    [InlineData("""{"certificateAuthorities":[{"certChain":{"certificates":[{"rawBytes":"AAAA"}]}}],"tlogs":[]}""", "t.json: a certificate cannot be read")]
    public void A_broken_trust_root_is_refused_naming_the_field(string document, string error)
    {
        Assert.False(TrustRoot.TryParse(System.Text.Encoding.UTF8.GetBytes(document), "t.json", out _, out var message));
        Assert.StartsWith(error, message, StringComparison.Ordinal);
    }
}
