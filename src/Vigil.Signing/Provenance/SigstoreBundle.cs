using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>One transparency-log entry of a bundle (<c>verificationMaterial.tlogEntries[]</c>).</summary>
internal sealed record TlogEntry(
    long LogIndex,
    byte[] LogId,
    string Kind,
    string Version,
    long IntegratedTime,
    byte[]? SignedEntryTimestamp,
    byte[] CanonicalizedBody,
    InclusionProof? InclusionProof);

/// <summary>
/// A Sigstore bundle with a DSSE envelope, as npm's attestations carry them (media types
/// <c>application/vnd.dev.sigstore.bundle+json;version=0.1</c> to <c>0.3</c> and <c>…bundle.v0.3+json</c>): the signing
/// certificate (<c>x509CertificateChain.certificates[0]</c> up to v0.2, <c>certificate</c> from v0.3), the log entries
/// and the envelope (<c>payload</c>, <c>payloadType</c>, <c>signatures[].sig</c>).
/// </summary>
internal sealed record SigstoreBundle(
    string MediaType,
    X509Certificate2 Leaf,
    byte[] Payload,
    string PayloadType,
    ImmutableArray<byte[]> Signatures,
    ImmutableArray<TlogEntry> Entries)
{
    public static SigstoreBundle Parse(JsonElement bundle)
    {
        const string Where = "the bundle";
        var mediaType = Json.String(bundle, "mediaType", Where);
        if (!mediaType.StartsWith("application/vnd.dev.sigstore.bundle", StringComparison.Ordinal))
        {
            throw ProvenanceException.Invalid($"the bundle's media type '{mediaType}' is not a Sigstore bundle's");
        }

        var material = Json.Object(bundle, "verificationMaterial", Where);
        byte[] leafBytes = Json.OptionalObject(material, "certificate") is { } single
            ? Json.Base64(single, "rawBytes", Where + ".verificationMaterial.certificate")
            : Json.OptionalObject(material, "x509CertificateChain") is { } chain
                ? FirstCertificate(chain)
                : throw ProvenanceException.NotVerifiable("the bundle has no signing certificate (a public-key bundle: not a provenance one)");
        X509Certificate2 leaf;
        try
        {
            leaf = X509CertificateLoader.LoadCertificate(leafBytes);
        }
        catch (CryptographicException e)
        {
            throw ProvenanceException.Invalid("the bundle's signing certificate cannot be read: " + e.Message);
        }

        var entries = ImmutableArray.CreateBuilder<TlogEntry>();
        if (material.TryGetProperty("tlogEntries", out var tlog) && tlog.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (var entry in tlog.EnumerateArray())
            {
                string where = $"the bundle's tlogEntries[{index++}]";
                var kind = Json.Object(entry, "kindVersion", where);
                var promise = Json.OptionalObject(entry, "inclusionPromise");
                entries.Add(new TlogEntry(
                    Json.Int64(entry, "logIndex", where),
                    Json.Base64(Json.Object(entry, "logId", where), "keyId", where),
                    Json.String(kind, "kind", where),
                    Json.String(kind, "version", where),
                    Json.Int64(entry, "integratedTime", where),
                    promise is { } p ? Json.Base64(p, "signedEntryTimestamp", where + ".inclusionPromise") : null,
                    Json.Base64(entry, "canonicalizedBody", where),
                    Json.OptionalObject(entry, "inclusionProof") is { } proof ? InclusionProof.Parse(proof, where + ".inclusionProof") : null));
            }
        }

        var envelope = Json.OptionalObject(bundle, "dsseEnvelope")
            ?? throw ProvenanceException.Invalid("the bundle has no DSSE envelope (a message signature is not an attestation)");
        var signatures = ImmutableArray.CreateBuilder<byte[]>();
        foreach (var signature in Json.Array(envelope, "signatures", "the DSSE envelope").EnumerateArray())
        {
            signatures.Add(Json.Base64(signature, "sig", "the DSSE envelope's signature"));
        }

        return new SigstoreBundle(
            mediaType,
            leaf,
            Json.Base64(envelope, "payload", "the DSSE envelope"),
            Json.String(envelope, "payloadType", "the DSSE envelope"),
            signatures.ToImmutable(),
            entries.ToImmutable());
    }

    private static byte[] FirstCertificate(JsonElement chain)
    {
        foreach (var certificate in Json.Array(chain, "certificates", "the bundle's x509CertificateChain").EnumerateArray())
        {
            return Json.Base64(certificate, "rawBytes", "the bundle's x509CertificateChain");
        }

        throw ProvenanceException.Invalid("the bundle's certificate chain is empty");
    }
}
