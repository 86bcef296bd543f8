using System.Collections.Immutable;
using System.Security.Cryptography;
using Vigil.Lockfiles;
using Vigil.Signing.Provenance;
using Vigil.Signing.Tests.Tarballs;
using Vigil.Signing.Verification;
using Vigil.Testing;

namespace Vigil.Signing.Tests.Provenance;

public sealed class ProvenanceCheckTests : IClassFixture<TestSigstore>, IDisposable
{
    private const string Name = "@vigil-test/packed";
    private const string Version = "1.2.3";
    private static readonly byte[] Tarball = [.. "a tarball"u8];
    private static readonly string Sha512Hex = Convert.ToHexStringLower(SHA512.HashData(Tarball));
    private static readonly string Integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(Tarball));
    private readonly TestSigstore _sigstore;
    private readonly TempDirectory _folder = new();
    private readonly string _trustRoot;

    public ProvenanceCheckTests(TestSigstore sigstore)
    {
        _sigstore = sigstore;
        _trustRoot = _folder.File("trusted_root.json");
        File.WriteAllText(_trustRoot, sigstore.TrustRootJson());
    }

    public void Dispose() => _folder.Dispose();

    private static ResolvedPackage Package(string integrity = "") => new() { Name = Name, Version = Version, Integrity = integrity.Length > 0 ? integrity : Integrity };

    private TestRegistry Registry(byte[]? attestations, bool listed = true)
    {
        var registry = new TestRegistry();
        registry.Versions[Name + "@" + Version] = new RegistryVersion(
            Name, Version, Integrity, null, null, [], listed ? "https://registry.invalid/-/npm/v1/attestations/" + Name + "@" + Version : null, null);
        if (attestations is not null)
        {
            registry.Attestations[Name + "@" + Version] = attestations;
        }

        return registry;
    }

    private async Task<CheckResult> Run(TestSigstore.Options? options = null, string? trustRoot = "", string integrity = "")
    {
        var document = _sigstore.AttestationsDocument(ProvenanceCheck.Purl(Name, Version), Sha512Hex, options);
        var context = new VerifyContext(
            new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = trustRoot == "" ? _trustRoot : trustRoot },
            Registry(document),
            TimeProvider.System);
        return await new ProvenanceCheck().CheckAsync(Package(integrity), context, CancellationToken.None);
    }

    [Theory]
    [InlineData("v0.3-dsse")]
    [InlineData("v0.1-intoto")]
    public async Task A_valid_bundle_verifies_and_reports_what_it_claims(string shape)
    {
        var result = await Run(new TestSigstore.Options { BundleShape = shape });
        Assert.Null(result.Reason);
        Assert.Equal(CheckOutcome.Verified, result.Outcome);
        var details = result.Details.ToDictionary(d => d.Key, d => d.Value);
        Assert.Equal(TestSigstore.Repository, details["repository"]);
        Assert.Equal(TestSigstore.WorkflowPath, details["workflow"]);
        Assert.Equal(TestSigstore.Ref, details["ref"]);
        Assert.Equal(TestSigstore.Builder, details["builder"]);
        Assert.Equal("https://token.actions.githubusercontent.com", details["certificate issuer"]);
        Assert.Equal($"{TestSigstore.Repository}/{TestSigstore.WorkflowPath}@{TestSigstore.Ref}", details["certificate build signer"]);
        Assert.Equal("2026-03-01T12:00:00Z", details["signed at"]);
        Assert.EndsWith(shape == "v0.3-dsse"
            ? "signed entry timestamp and inclusion proof (to the signed checkpoint) verified"
            : "signed entry timestamp verified; the bundle carries no inclusion proof", details["transparency log"], StringComparison.Ordinal);
        Assert.StartsWith("present", details["publish attestation"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Tampered() => new()
    {
        { "payload", "the DSSE signature does not verify with the signing certificate's key" },
        { "signature", "the DSSE signature does not verify with the signing certificate's key" },
        { "subject-name", "the statement's subject is pkg:npm/%40vigil-test/other@1.2.3, not the package's pkg:npm/%40vigil-test/packed@1.2.3" },
        { "subject-digest", $"the statement's subject sha512 is {new string('0', 128)}, not the lockfile integrity's {Convert.ToHexStringLower(SHA512.HashData("a tarball"u8))}" },
        { "other-ca", "the signing certificate (issued by CN=vigil-test-root, O=vigil-test) does not chain to a certificate authority of the trust root valid at 2026-03-01T12:00:00Z" },
        { "expired-leaf", "the signing certificate was not valid at the signing time 2026-03-01T12:00:00Z (valid 2026-03-01T11:30:00Z to 2026-03-01T11:40:00Z)" },
        { "set", "the signed entry timestamp of the transparency log https://rekor.vigil-test.invalid does not verify (entry 123456789 altered)" },
        { "log-key", "the signed entry timestamp of the transparency log https://rekor.vigil-test.invalid does not verify" },
        { "log-records-other", "the transparency-log entry records another signature than the envelope's" },
        { "proof-hash", "the inclusion proof does not lead from the entry to the log's root hash" },
        { "checkpoint-signature", "the log checkpoint has no valid signature of the transparency log https://rekor.vigil-test.invalid" },
        { "repository", "the provenance claims the repository https://github.com/evil/fork, but the signing certificate was issued to https://github.com/vigil-test/packed" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task Each_mismatch_is_invalid_with_a_precise_reason(string what, string reason)
    {
        var options = what switch
        {
            "payload" => new TestSigstore.Options { AlterPayload = true },
            "signature" => new TestSigstore.Options { AlterSignature = true },
            "subject-name" => new TestSigstore.Options { SubjectName = "pkg:npm/%40vigil-test/other@1.2.3" },
            "subject-digest" => new TestSigstore.Options { SubjectSha512 = new string('0', 128) },
            "other-ca" => new TestSigstore.Options { OtherCa = true },
            "expired-leaf" => new TestSigstore.Options { ExpiredLeaf = true },
            "set" => new TestSigstore.Options { AlterSet = true },
            "log-key" => new TestSigstore.Options { OtherLogKey = true },
            "log-records-other" => new TestSigstore.Options { LogRecordsOtherSignature = true },
            "proof-hash" => new TestSigstore.Options { AlterProofHash = true },
            "checkpoint-signature" => new TestSigstore.Options { AlterCheckpointSignature = true },
            "repository" => new TestSigstore.Options { PredicateRepository = "https://github.com/evil/fork" },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var result = await Run(options);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_runs_with_a_trust_root_or_when_required_and_not_otherwise()
    {
        VerifyContext With(string? trustRoot, params string[] required) => new(
            new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = trustRoot, Required = [.. required] },
            Registry(null, listed: false),
            TimeProvider.System);
        var check = new ProvenanceCheck();

        Assert.True(check.AppliesTo(With(_trustRoot)));
        Assert.True(check.AppliesTo(With(null, "provenance")));
        Assert.False(check.AppliesTo(With(null)));
        Assert.False(check.AppliesTo(With(null, "signatures")));
    }

    [Fact]
    public async Task Without_a_trust_root_provenance_is_not_verifiable()
    {
        var result = await Run(trustRoot: null);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Equal("no trust root: pass --trust-root", result.Reason);
    }

    [Fact]
    public async Task A_trust_root_that_cannot_be_read_is_named()
    {
        var broken = _folder.File("broken.json");
        File.WriteAllText(broken, """{ "certificateAuthorities": [ { "certChain": { "certificates": [ { "rawBytes": "!!" } ] } } ], "tlogs": [] }""");
        var result = await Run(trustRoot: broken);
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Equal($"{broken}: certificateAuthorities[0]: 'rawBytes' is not base64", result.Reason);
    }

    [Fact]
    public async Task A_version_without_attestations_is_unsigned()
    {
        var context = new VerifyContext(new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = _trustRoot }, Registry(null, listed: false), TimeProvider.System);
        var result = await new ProvenanceCheck().CheckAsync(Package(), context, CancellationToken.None);
        Assert.Equal(CheckOutcome.Unsigned, result.Outcome);
        Assert.Equal("the registry publishes no attestations for this version", result.Reason);
    }

    [Fact]
    public async Task Attestations_without_provenance_are_unsigned_naming_what_there_is()
    {
        var document = """{"attestations":[{"predicateType":"https://github.com/npm/attestation/tree/main/specs/publish/v0.1","bundle":{}}]}"""u8.ToArray();
        var context = new VerifyContext(new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = _trustRoot }, Registry(document), TimeProvider.System);
        var result = await new ProvenanceCheck().CheckAsync(Package(), context, CancellationToken.None);
        Assert.Equal(CheckOutcome.Unsigned, result.Outcome);
        Assert.Equal("the attestations hold no SLSA provenance (only https://github.com/npm/attestation/tree/main/specs/publish/v0.1)", result.Reason);
    }

    [Theory]
    [InlineData("not json", "the attestation is malformed: ")]
    [InlineData("""{"attestations":{}}""", "the attestations document: 'attestations' is missing or not an array")]
    [InlineData("""{"attestations":[{"predicateType":"https://slsa.dev/provenance/v1","bundle":{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}}]}""", "the bundle: 'verificationMaterial' is missing or not an object")]
    public async Task A_malformed_document_is_invalid_naming_the_field(string document, string reason)
    {
        var context = new VerifyContext(new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = _trustRoot }, Registry(System.Text.Encoding.UTF8.GetBytes(document)), TimeProvider.System);
        var result = await new ProvenanceCheck().CheckAsync(Package(), context, CancellationToken.None);
        Assert.Equal(CheckOutcome.Invalid, result.Outcome);
        Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_documents_are_refused_without_a_crash()
    {
        var deep = System.Text.Encoding.UTF8.GetBytes("{\"attestations\":" + new string('[', 5000) + new string(']', 5000) + "}");
        var huge = new byte[ProvenanceCheck.MaxDocumentBytes + 1];
        var garbageCertificate = """{"attestations":[{"predicateType":"https://slsa.dev/provenance/v1","bundle":{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"certificate":{"rawBytes":"AAAA"}},"dsseEnvelope":{}}}]}"""u8.ToArray();
        foreach (var (document, reason) in new[]
        {
            (deep, "the attestation is malformed: "),
            (huge, "the attestations document is larger than 4 MiB"),
            (garbageCertificate, "the bundle's signing certificate cannot be read"),
        })
        {
            var context = new VerifyContext(new VerifyOptions { Registry = new Uri("https://registry.invalid/"), TrustRootFile = _trustRoot }, Registry(document), TimeProvider.System);
            var result = await new ProvenanceCheck().CheckAsync(Package(), context, CancellationToken.None);
            Assert.Equal(CheckOutcome.Invalid, result.Outcome);
            Assert.StartsWith(reason, result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_lockfile_without_sha512_cannot_be_compared()
    {
        // A sha1-only integrity as old lockfiles record it (any 20 bytes: the check never hashes with SHA-1).
        var result = await Run(integrity: "sha1-" + Convert.ToBase64String(new byte[20]));
        Assert.Equal(CheckOutcome.NotVerifiable, result.Outcome);
        Assert.Equal("the lockfile records no sha512 integrity to compare with the provenance's subject", result.Reason);
    }

    [Theory]
    [InlineData("@scope/name", "1.0.0", "pkg:npm/%40scope/name@1.0.0")]
    [InlineData("left-pad", "1.3.0", "pkg:npm/left-pad@1.3.0")]
    public void The_purl_is_npms(string name, string version, string purl) => Assert.Equal(purl, ProvenanceCheck.Purl(name, version));

    [Fact]
    public void The_check_is_listed_before_tarballs()
    {
        var names = PackageChecks.All.Select(c => c.Name).ToImmutableArray();
        Assert.True(names.IndexOf("provenance") >= 0 && names.IndexOf("provenance") < names.IndexOf("tarballs"));
    }
}
