using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Vigil.Signing.Provenance;

/// <summary>A certificate authority of the trust root (Fulcio): its chain, issuing certificate first, root last.</summary>
/// <param name="Uri">Where it runs, for reasons.</param>
/// <param name="Chain">The certificates.</param>
/// <param name="ValidFrom">When it started issuing.</param>
/// <param name="ValidUntil">When it stopped issuing, if it did.</param>
public sealed record TrustedAuthority(string Uri, ImmutableArray<X509Certificate2> Chain, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil);

/// <summary>A transparency log of the trust root (Rekor): its key, by the log id bundles name it with.</summary>
/// <param name="BaseUrl">Where it runs, for reasons.</param>
/// <param name="LogId">The log id (SHA-256 of its public key).</param>
/// <param name="PublicKey">The key's DER SubjectPublicKeyInfo.</param>
/// <param name="KeyDetails">The key's kind as the trust root writes it (<c>PKIX_ECDSA_P256_SHA_256</c>).</param>
/// <param name="ValidFrom">When it started signing.</param>
/// <param name="ValidUntil">When it stopped, if it did.</param>
public sealed record TrustedLog(string BaseUrl, ImmutableArray<byte> LogId, ImmutableArray<byte> PublicKey, string KeyDetails, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil);

/// <summary>
/// The Sigstore trust root provenance is checked against, read from a file in Sigstore's <c>trusted_root.json</c>
/// shape (<c>application/vnd.dev.sigstore.trustedroot+json</c>, as its TUF repository publishes it and as npm's
/// <c>@sigstore/tuf</c> embeds it): <c>certificateAuthorities[]</c> (<c>uri</c>, <c>certChain.certificates[].rawBytes</c>
/// base64 DER, <c>validFor.start/end</c>) and <c>tlogs[]</c> (<c>baseUrl</c>, <c>publicKey.rawBytes</c> base64 DER,
/// <c>publicKey.keyDetails</c>, <c>publicKey.validFor</c>, <c>logId.keyId</c> base64). <c>ctlogs</c> and
/// <c>timestampAuthorities</c> are read past, not used (see ADR 0010).
/// </summary>
public sealed class TrustRoot
{
    /// <summary>Trust root files larger than this are refused (Sigstore's is about 7 KB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    private TrustRoot(ImmutableArray<TrustedAuthority> authorities, ImmutableArray<TrustedLog> logs)
    {
        Authorities = authorities;
        Logs = logs;
    }

    /// <summary>The certificate authorities.</summary>
    public ImmutableArray<TrustedAuthority> Authorities { get; }

    /// <summary>The transparency logs.</summary>
    public ImmutableArray<TrustedLog> Logs { get; }

    /// <summary>Reads the trust root at <paramref name="path"/>; on failure <paramref name="error"/> says why, naming the field.</summary>
    public static bool TryLoad(string path, out TrustRoot? root, out string? error)
    {
        root = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = $"the trust root {path} does not exist";
                return false;
            }

            if (info.Length > MaxFileBytes)
            {
                error = $"the trust root {path} is larger than {MaxFileBytes / 1024} KiB";
                return false;
            }

            return TryParse(File.ReadAllBytes(path), path, out root, out error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"the trust root {path} cannot be read: {e.Message}";
            return false;
        }
    }

    /// <summary>Reads a trust root document; <paramref name="name"/> names it in errors.</summary>
    public static bool TryParse(byte[] document, string name, out TrustRoot? root, out string? error)
    {
        root = null;
        try
        {
            using var json = JsonDocument.Parse(document, Json.Options);
            var authorities = ImmutableArray.CreateBuilder<TrustedAuthority>();
            var top = json.RootElement;
            int index = 0;
            foreach (var ca in Json.Array(top, "certificateAuthorities", name).EnumerateArray())
            {
                string where = $"{name}: certificateAuthorities[{index++}]";
                var chain = ImmutableArray.CreateBuilder<X509Certificate2>();
                foreach (var certificate in Json.Array(Json.Object(ca, "certChain", where), "certificates", where).EnumerateArray())
                {
                    chain.Add(X509CertificateLoader.LoadCertificate(Json.Base64(certificate, "rawBytes", where)));
                }

                if (chain.Count == 0)
                {
                    throw ProvenanceException.Invalid($"{where}: the certificate chain is empty");
                }

                var (from, until) = ValidFor(ca, where);
                authorities.Add(new TrustedAuthority(Json.OptionalString(ca, "uri") ?? "", chain.ToImmutable(), from, until));
            }

            var logs = ImmutableArray.CreateBuilder<TrustedLog>();
            index = 0;
            foreach (var log in Json.Array(top, "tlogs", name).EnumerateArray())
            {
                string where = $"{name}: tlogs[{index++}]";
                var key = Json.Object(log, "publicKey", where);
                var (from, until) = ValidFor(key, where);
                logs.Add(new TrustedLog(
                    Json.OptionalString(log, "baseUrl") ?? "",
                    [.. Json.Base64(Json.Object(log, "logId", where), "keyId", where)],
                    [.. Json.Base64(key, "rawBytes", where)],
                    Json.OptionalString(key, "keyDetails") ?? "",
                    from,
                    until));
            }

            root = new TrustRoot(authorities.ToImmutable(), logs.ToImmutable());
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            error = $"{name} is not JSON: {e.Message}";
        }
        catch (ProvenanceException e)
        {
            error = e.Message;
        }
        catch (CryptographicException e)
        {
            error = $"{name}: a certificate cannot be read: {e.Message}";
        }

        return false;
    }

    private static (DateTimeOffset From, DateTimeOffset? Until) ValidFor(JsonElement parent, string where)
    {
        var valid = Json.Object(parent, "validFor", where);
        var from = Time(Json.String(valid, "start", where + ".validFor"), where);
        var end = Json.OptionalString(valid, "end");
        return (from, end is null ? null : Time(end, where));
    }

    private static DateTimeOffset Time(string text, string where) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw ProvenanceException.Invalid($"{where}: '{text}' is not a time");
}
