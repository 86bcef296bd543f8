using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Signing.Provenance;

namespace Vigil.Signing.Tests.Provenance;

/// <summary>
/// A Sigstore made in the test, with keys generated here (none of them real): a certificate authority (root and
/// intermediate, as Fulcio's), a transparency log key (as Rekor's), and bundles as npm publishes them — a leaf
/// certificate with Fulcio's extensions, a DSSE-signed in-toto SLSA statement, a log entry with its signed entry
/// timestamp. <see cref="Options"/> says what to make wrong.
/// </summary>
public sealed class TestSigstore : IDisposable
{
    public const string Repository = "https://github.com/vigil-test/packed";
    public const string WorkflowPath = ".github/workflows/release.yml";
    public const string Ref = "refs/tags/v1.2.3";
    public const string Builder = "https://github.com/actions/runner/github-hosted";

    private readonly ECDsa _rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa _intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private readonly ECDsa _logKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestSigstore()
    {
        Root = CaCertificate("CN=vigil-test-root,O=vigil-test", _rootKey, null, null);
        Intermediate = CaCertificate("CN=vigil-test-intermediate,O=vigil-test", _intermediateKey, Root, _rootKey);
        LogId = SHA256.HashData(_logKey.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The time bundles are signed at by default (the log's integrated time).</summary>
    public static DateTimeOffset SignedAt { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public byte[] LogId { get; }

    /// <summary>What to make of a bundle (the defaults make a valid one).</summary>
    public sealed record Options
    {
        public string SubjectName { get; init; } = "";
        public string SubjectSha512 { get; init; } = "";
        public string BundleShape { get; init; } = "v0.3-dsse";
        public bool AlterPayload { get; init; }
        public bool AlterSignature { get; init; }
        public bool AlterSet { get; init; }
        public bool OtherCa { get; init; }
        public bool ExpiredLeaf { get; init; }
        public bool OtherLogKey { get; init; }
        public bool LogRecordsOtherSignature { get; init; }
        public string PredicateRepository { get; init; } = Repository;
        public bool PublishAttestationToo { get; init; } = true;
        public bool AlterProofHash { get; init; }
        public bool AlterCheckpointSignature { get; init; }
    }

    /// <summary>The trust root (Sigstore's <c>trusted_root.json</c> shape) for this Sigstore.</summary>
    public string TrustRootJson() => new JsonObject
    {
        ["mediaType"] = "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
        ["tlogs"] = new JsonArray(new JsonObject
        {
            ["baseUrl"] = "https://rekor.vigil-test.invalid",
            ["hashAlgorithm"] = "SHA2_256",
            ["publicKey"] = new JsonObject
            {
                ["rawBytes"] = Convert.ToBase64String(_logKey.ExportSubjectPublicKeyInfo()),
                ["keyDetails"] = "PKIX_ECDSA_P256_SHA_256",
                ["validFor"] = new JsonObject { ["start"] = "2021-01-12T11:53:27Z" },
            },
            ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(LogId) },
        }),
        ["certificateAuthorities"] = new JsonArray(new JsonObject
        {
            ["subject"] = new JsonObject { ["organization"] = "vigil-test", ["commonName"] = "vigil-test" },
            ["uri"] = "https://fulcio.vigil-test.invalid",
            ["certChain"] = new JsonObject
            {
                ["certificates"] = new JsonArray(
                    new JsonObject { ["rawBytes"] = Convert.ToBase64String(Intermediate.RawData) },
                    new JsonObject { ["rawBytes"] = Convert.ToBase64String(Root.RawData) }),
            },
            ["validFor"] = new JsonObject { ["start"] = "2022-04-13T20:06:15Z" },
        }),
        ["ctlogs"] = new JsonArray(),
    }.ToJsonString();

    /// <summary>An attestations document (<c>{"attestations":[…]}</c>) for <paramref name="purl"/> with <paramref name="sha512Hex"/>.</summary>
    public byte[] AttestationsDocument(string purl, string sha512Hex, Options? options = null)
    {
        options ??= new Options();
        options = options with
        {
            SubjectName = options.SubjectName.Length > 0 ? options.SubjectName : purl,
            SubjectSha512 = options.SubjectSha512.Length > 0 ? options.SubjectSha512 : sha512Hex,
        };
        var attestations = new JsonArray();
        if (options.PublishAttestationToo)
        {
            attestations.Add(new JsonObject { ["predicateType"] = ProvenanceCheck.NpmPublish, ["bundle"] = new JsonObject { ["mediaType"] = "unused here" } });
        }

        attestations.Add(new JsonObject { ["predicateType"] = ProvenanceCheck.SlsaV1, ["bundle"] = Bundle(options) });
        return Encoding.UTF8.GetBytes(new JsonObject { ["attestations"] = attestations }.ToJsonString());
    }

    private JsonObject Bundle(Options options)
    {
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signedAt = SignedAt;
        using var otherRootKey = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var otherRoot = options.OtherCa ? CaCertificate("CN=vigil-test-root,O=vigil-test", otherRootKey, null, null) : null;
        using var leaf = Leaf(leafKey, options.OtherCa ? otherRoot! : Intermediate, options.OtherCa ? otherRootKey : _intermediateKey, options.ExpiredLeaf ? signedAt.AddMinutes(-30) : signedAt.AddMinutes(-1));

        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = options.SubjectName,
                ["digest"] = new JsonObject { ["sha512"] = options.SubjectSha512 },
            }),
            ["predicateType"] = ProvenanceCheck.SlsaV1,
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1",
                    ["externalParameters"] = new JsonObject
                    {
                        ["workflow"] = new JsonObject { ["ref"] = Ref, ["repository"] = options.PredicateRepository, ["path"] = WorkflowPath },
                    },
                },
                ["runDetails"] = new JsonObject { ["builder"] = new JsonObject { ["id"] = Builder } },
            },
        };
        var payload = Encoding.UTF8.GetBytes(statement.ToJsonString());
        var signature = leafKey.SignData(Vigil.Signing.Provenance.Dsse.PreAuthenticationEncoding("application/vnd.in-toto+json", payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var recorded = options.LogRecordsOtherSignature
            ? leafKey.SignData("something else"u8, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            : signature;
        var pem = Convert.ToBase64String(Encoding.ASCII.GetBytes(leaf.ExportCertificatePem()));
        var intoto = options.BundleShape == "v0.1-intoto";
        var body = intoto
            ? new JsonObject
            {
                ["apiVersion"] = "0.0.2",
                ["kind"] = "intoto",
                ["spec"] = new JsonObject
                {
                    ["content"] = new JsonObject
                    {
                        ["envelope"] = new JsonObject
                        {
                            ["payloadType"] = "application/vnd.in-toto+json",
                            ["signatures"] = new JsonArray(new JsonObject
                            {
                                ["publicKey"] = pem,
                                ["sig"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToBase64String(recorded))),
                            }),
                        },
                        ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = "00" },
                        ["payloadHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexStringLower(SHA256.HashData(payload)) },
                    },
                },
            }
            : new JsonObject
            {
                ["apiVersion"] = "0.0.1",
                ["kind"] = "dsse",
                ["spec"] = new JsonObject
                {
                    ["envelopeHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = "00" },
                    ["payloadHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexStringLower(SHA256.HashData(payload)) },
                    ["signatures"] = new JsonArray(new JsonObject { ["signature"] = Convert.ToBase64String(recorded), ["verifier"] = pem }),
                },
            };
        var canonicalizedBody = Encoding.UTF8.GetBytes(body.ToJsonString());
        long logIndex = 123456789;
        long integrated = signedAt.ToUnixTimeSeconds();
        var setPayload = $"{{\"body\":\"{Convert.ToBase64String(canonicalizedBody)}\",\"integratedTime\":{integrated},\"logID\":\"{Convert.ToHexStringLower(LogId)}\",\"logIndex\":{logIndex}}}";
        using var otherLogKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var set = (options.OtherLogKey ? otherLogKey : _logKey).SignData(Encoding.UTF8.GetBytes(setPayload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (options.AlterSet)
        {
            integrated += 1;
        }

        if (options.AlterPayload)
        {
            payload = Encoding.UTF8.GetBytes(statement.ToJsonString().Replace(WorkflowPath, ".github/workflows/evil.yml", StringComparison.Ordinal));
        }

        if (options.AlterSignature)
        {
            signature[^1] ^= 0x01;
        }

        var entry = new JsonObject
        {
            ["logIndex"] = logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["logId"] = new JsonObject { ["keyId"] = Convert.ToBase64String(LogId) },
            ["kindVersion"] = new JsonObject { ["kind"] = intoto ? "intoto" : "dsse", ["version"] = intoto ? "0.0.2" : "0.0.1" },
            ["integratedTime"] = integrated.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["inclusionPromise"] = new JsonObject { ["signedEntryTimestamp"] = Convert.ToBase64String(set) },
            ["canonicalizedBody"] = Convert.ToBase64String(canonicalizedBody),
        };
        if (!intoto)
        {
            // v0.2+ bundles carry an inclusion proof: the entry is leaf 2 of a 5-leaf tree, with a signed checkpoint.
            entry["inclusionProof"] = InclusionProof(canonicalizedBody, options);
        }

        var material = new JsonObject { ["tlogEntries"] = new JsonArray(entry) };
        if (intoto)
        {
            material["x509CertificateChain"] = new JsonObject
            {
                ["certificates"] = new JsonArray(new JsonObject { ["rawBytes"] = Convert.ToBase64String(leaf.RawData) }),
            };
        }
        else
        {
            material["certificate"] = new JsonObject { ["rawBytes"] = Convert.ToBase64String(leaf.RawData) };
        }

        return new JsonObject
        {
            ["mediaType"] = intoto ? "application/vnd.dev.sigstore.bundle+json;version=0.1" : "application/vnd.dev.sigstore.bundle.v0.3+json",
            ["verificationMaterial"] = material,
            ["dsseEnvelope"] = new JsonObject
            {
                ["payload"] = Convert.ToBase64String(payload),
                ["payloadType"] = "application/vnd.in-toto+json",
                ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(signature), ["keyid"] = "" }),
            },
        };
    }

    private JsonObject InclusionProof(byte[] body, Options options)
    {
        byte[][] leaves = [.. Enumerable.Range(0, 5).Select(i => i == 2 ? body : Encoding.UTF8.GetBytes("another entry " + i))];
        var root = TreeHash(leaves);
        var path = AuditPath(2, leaves);
        if (options.AlterProofHash)
        {
            path[0][0] ^= 0x01;
        }

        var note = $"rekor.vigil-test.invalid - 42\n{leaves.Length}\n{Convert.ToBase64String(root)}\n";
        var signature = _logKey.SignData(Encoding.UTF8.GetBytes(note), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        if (options.AlterCheckpointSignature)
        {
            signature[^1] ^= 0x01;
        }

        var signed = Convert.ToBase64String([.. LogId.AsSpan(0, 4), .. signature]);
        return new JsonObject
        {
            ["logIndex"] = "2",
            ["rootHash"] = Convert.ToBase64String(root),
            ["treeSize"] = leaves.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hashes"] = new JsonArray([.. path.Select(h => (JsonNode)Convert.ToBase64String(h))]),
            ["checkpoint"] = new JsonObject { ["envelope"] = note + "\n\u2014 rekor.vigil-test.invalid " + signed + "\n" },
        };
    }

    /// <summary>RFC 6962's Merkle tree hash.</summary>
    private static byte[] TreeHash(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return SHA256.HashData([0x00, .. leaves[0]]);
        }

        int k = SplitPoint(leaves.Length);
        return SHA256.HashData([0x01, .. TreeHash(leaves[..k]), .. TreeHash(leaves[k..])]);
    }

    /// <summary>RFC 6962's audit path of leaf <paramref name="m"/>, leaf side first.</summary>
    private static List<byte[]> AuditPath(int m, ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        int k = SplitPoint(leaves.Length);
        if (m < k)
        {
            var path = AuditPath(m, leaves[..k]);
            path.Add(TreeHash(leaves[k..]));
            return path;
        }

        var right = AuditPath(m - k, leaves[k..]);
        right.Add(TreeHash(leaves[..k]));
        return right;
    }

    private static int SplitPoint(int n)
    {
        int k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static X509Certificate2 CaCertificate(string name, ECDsa key, X509Certificate2? issuer, ECDsa? issuerKey)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA384);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var until = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, until);
        }

        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), from, until, RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private static X509Certificate2 Leaf(ECDsa key, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset notBefore)
    {
        var request = new CertificateRequest(new X500DistinguishedName(""), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri($"{Repository}/{WorkflowPath}@{Ref}"));
        request.CertificateExtensions.Add(san.Build(critical: true));
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1.1", "https://token.actions.githubusercontent.com"u8.ToArray(), false));
        Fulcio(request, 8, "https://token.actions.githubusercontent.com");
        Fulcio(request, 9, $"{Repository}/{WorkflowPath}@{Ref}");
        Fulcio(request, 12, Repository);
        Fulcio(request, 13, "0123456789abcdef0123456789abcdef01234567");
        Fulcio(request, 14, Ref);
        Fulcio(request, 20, "push");
        Fulcio(request, 21, Repository + "/actions/runs/1/attempts/1");
        Fulcio(request, 11, "github-hosted");
        using var created = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notBefore.AddMinutes(10), RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadCertificate(created.RawData);
    }

    private static void Fulcio(CertificateRequest request, int suffix, string value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.4.1.57264.1." + suffix, writer.Encode(), false));
    }

    public void Dispose()
    {
        _rootKey.Dispose();
        _intermediateKey.Dispose();
        _logKey.Dispose();
        Root.Dispose();
        Intermediate.Dispose();
    }
}
