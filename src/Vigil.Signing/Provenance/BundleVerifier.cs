using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>What a verified bundle establishes.</summary>
/// <param name="Leaf">The signing certificate, chained to the trust root at the signing time.</param>
/// <param name="SignedAt">The transparency log's integrated time, vouched for by its signed entry timestamp.</param>
/// <param name="LogIndex">The entry's index in the log.</param>
/// <param name="Log">The log's base URL.</param>
/// <param name="InclusionProven">True when the entry's Merkle inclusion proof was verified against a signed checkpoint.</param>
internal sealed record VerifiedBundle(X509Certificate2 Leaf, DateTimeOffset SignedAt, long LogIndex, string Log, bool InclusionProven);

/// <summary>
/// Verifies a Sigstore DSSE bundle offline against a <see cref="TrustRoot"/>, as Sigstore's verifiers do: the
/// envelope's signature (over the DSSE pre-authentication encoding, ECDSA P-256/P-384 with the certificate's key);
/// the transparency-log entry's signed entry timestamp (the log's promise of inclusion, signed with its key) and that
/// the entry records this envelope's signature and payload hash; the certificate's chain to a certificate authority of
/// the trust root, valid at the log's integrated time, for code signing; when the entry carries one, its Merkle
/// inclusion proof up to the log's signed checkpoint. Not verified: that the checkpoint is the one every other
/// verifier sees (no witnesses, no consistency proofs), certificate transparency (SCTs), RFC 3161 timestamps (ADR 0010).
/// </summary>
internal static class BundleVerifier
{
    private const string CodeSigning = "1.3.6.1.5.5.7.3.3";

    /// <summary>Verifies <paramref name="bundle"/>, whose payload must be of <paramref name="payloadType"/> (an in-toto statement for provenance).</summary>
    public static VerifiedBundle Verify(SigstoreBundle bundle, TrustRoot root, string payloadType = Dsse.InTotoPayloadType)
    {
        if (bundle.PayloadType != payloadType)
        {
            throw ProvenanceException.Invalid($"the DSSE payload type is '{bundle.PayloadType}', not '{payloadType}'");
        }

        if (bundle.Signatures.Length != 1)
        {
            throw ProvenanceException.Invalid($"the DSSE envelope has {bundle.Signatures.Length} signatures, not one");
        }

        var signature = bundle.Signatures[0];
        VerifyEnvelopeSignature(bundle, signature);
        if (bundle.Entries.IsEmpty)
        {
            throw ProvenanceException.Invalid("the bundle has no transparency-log entry (no trusted signing time)");
        }

        var entry = bundle.Entries[0];
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(entry.IntegratedTime);
        var log = VerifyEntry(entry, root, signedAt);
        VerifyEntryBody(entry, bundle, signature);
        VerifyChain(bundle.Leaf, root, signedAt);
        return new VerifiedBundle(bundle.Leaf, signedAt, entry.LogIndex, log.BaseUrl, entry.InclusionProof is not null);
    }

    private static void VerifyEnvelopeSignature(SigstoreBundle bundle, byte[] signature)
    {
        using var key = bundle.Leaf.GetECDsaPublicKey()
            ?? throw ProvenanceException.NotVerifiable("the signing certificate's key is not an ECDSA key (Fulcio issues ECDSA certificates)");
        var hash = HashFor(key) ?? throw ProvenanceException.NotVerifiable($"the signing certificate's ECDSA key of {key.KeySize} bits is not P-256 or P-384");
        var pae = Dsse.PreAuthenticationEncoding(bundle.PayloadType, bundle.Payload);
        if (!key.VerifyData(pae, signature, hash, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw ProvenanceException.Invalid("the DSSE signature does not verify with the signing certificate's key (payload or signature altered)");
        }
    }

    private static TrustedLog VerifyEntry(TlogEntry entry, TrustRoot root, DateTimeOffset signedAt)
    {
        var log = root.Logs.FirstOrDefault(l => l.LogId.AsSpan().SequenceEqual(entry.LogId))
            ?? throw ProvenanceException.Invalid($"the transparency log {Convert.ToBase64String(entry.LogId)} is not in the trust root");
        if (signedAt < log.ValidFrom || signedAt > log.ValidUntil)
        {
            throw ProvenanceException.Invalid($"the transparency log {log.BaseUrl} was not trusted at the entry's time {Format(signedAt)}");
        }

        if (entry.SignedEntryTimestamp is null)
        {
            throw ProvenanceException.NotVerifiable(
                "the transparency-log entry has no signed entry timestamp, and its inclusion proof cannot be verified offline by Vigil");
        }

        if (log.KeyDetails.Contains("ED25519", StringComparison.OrdinalIgnoreCase))
        {
            throw ProvenanceException.NotVerifiable($"the transparency log {log.BaseUrl} signs with Ed25519, which Vigil does not verify");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(log.PublicKey.AsSpan(), out _);
        }
        catch (CryptographicException e)
        {
            throw ProvenanceException.NotVerifiable($"the trust root's key of the transparency log {log.BaseUrl} cannot be read: {e.Message}");
        }

        // The log signs the canonical JSON of these four fields (keys sorted): the entry's promise of inclusion.
        var payload = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogId)}\",\"logIndex\":{entry.LogIndex}}}");
        if (!key.VerifyData(Encoding.UTF8.GetBytes(payload), entry.SignedEntryTimestamp, HashFor(key) ?? HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw ProvenanceException.Invalid($"the signed entry timestamp of the transparency log {log.BaseUrl} does not verify (entry {entry.LogIndex} altered)");
        }

        entry.InclusionProof?.Verify(entry.CanonicalizedBody, log, key);

        return log;
    }

    /// <summary>The log entry must record this envelope: its one signature and the SHA-256 of its payload.</summary>
    private static void VerifyEntryBody(TlogEntry entry, SigstoreBundle bundle, byte[] signature)
    {
        using var body = ParseBody(entry.CanonicalizedBody);
        var spec = Json.Object(body.RootElement, "spec", "the transparency-log entry");
        var kind = Json.String(body.RootElement, "kind", "the transparency-log entry");
        var version = Json.String(body.RootElement, "apiVersion", "the transparency-log entry");
        JsonElement signatures;
        string recordedHash;
        byte[] recordedSignature;
        if (kind == "dsse" && version == "0.0.1")
        {
            signatures = Json.Array(spec, "signatures", "the dsse log entry");
            recordedHash = Json.String(Json.Object(spec, "payloadHash", "the dsse log entry"), "value", "the dsse log entry");
            recordedSignature = signatures.GetArrayLength() == 1 ? Json.Base64(signatures[0], "signature", "the dsse log entry") : [];
        }
        else if (kind == "intoto" && version == "0.0.2")
        {
            var content = Json.Object(spec, "content", "the intoto log entry");
            signatures = Json.Array(Json.Object(content, "envelope", "the intoto log entry"), "signatures", "the intoto log entry");
            recordedHash = Json.String(Json.Object(content, "payloadHash", "the intoto log entry"), "value", "the intoto log entry");

            // The intoto kind stores the signature base64 encoded twice.
            recordedSignature = signatures.GetArrayLength() == 1
                ? Convert.FromBase64String(Encoding.UTF8.GetString(Json.Base64(signatures[0], "sig", "the intoto log entry")))
                : [];
        }
        else
        {
            throw ProvenanceException.NotVerifiable($"the transparency-log entry is of kind {kind} {version}, which Vigil does not read");
        }

        if (signatures.GetArrayLength() != 1)
        {
            throw ProvenanceException.Invalid($"the transparency-log entry records {signatures.GetArrayLength()} signatures, not one");
        }

        if (!CryptographicOperations.FixedTimeEquals(recordedSignature, signature))
        {
            throw ProvenanceException.Invalid("the transparency-log entry records another signature than the envelope's");
        }

        if (!string.Equals(recordedHash, Convert.ToHexStringLower(SHA256.HashData(bundle.Payload)), StringComparison.OrdinalIgnoreCase))
        {
            throw ProvenanceException.Invalid("the transparency-log entry records another payload hash than the envelope's");
        }
    }

    private static JsonDocument ParseBody(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, Json.Options);
        }
        catch (JsonException e)
        {
            throw ProvenanceException.Invalid("the transparency-log entry's body is not JSON: " + e.Message);
        }
    }

    private static void VerifyChain(X509Certificate2 leaf, TrustRoot root, DateTimeOffset signedAt)
    {
        if (signedAt < leaf.NotBefore.ToUniversalTime() || signedAt > leaf.NotAfter.ToUniversalTime())
        {
            throw ProvenanceException.Invalid(
                $"the signing certificate was not valid at the signing time {Format(signedAt)} (valid {Format(leaf.NotBefore)} to {Format(leaf.NotAfter)})");
        }

        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == CodeSigning))
        {
            throw ProvenanceException.Invalid("the signing certificate is not for code signing");
        }

        foreach (var authority in root.Authorities)
        {
            if (signedAt < authority.ValidFrom || signedAt > authority.ValidUntil)
            {
                continue;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            chain.ChainPolicy.VerificationTime = signedAt.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            foreach (var certificate in authority.Chain)
            {
                if (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData))
                {
                    chain.ChainPolicy.CustomTrustStore.Add(certificate);
                }
                else
                {
                    chain.ChainPolicy.ExtraStore.Add(certificate);
                }
            }

            if (chain.Build(leaf))
            {
                return;
            }
        }

        throw ProvenanceException.Invalid(
            $"the signing certificate (issued by {leaf.Issuer}) does not chain to a certificate authority of the trust root valid at {Format(signedAt)}");
    }

    private static HashAlgorithmName? HashFor(ECDsa key) => key.KeySize switch
    {
        256 => HashAlgorithmName.SHA256,
        384 => HashAlgorithmName.SHA384,
        _ => null,
    };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Format(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
