using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Vigil.Signing.Provenance;

/// <summary>
/// What a Fulcio signing certificate says about where it was used, from Sigstore's extensions
/// (<c>1.3.6.1.4.1.57264.1.*</c>, Fulcio's <c>docs/oid-info.md</c>): from <c>.8</c> on the values are DER UTF8Strings,
/// the older <c>.1</c>–<c>.6</c> hold the raw text. The certificate authority set them from the CI's identity token,
/// so they are what the build really was, unlike the predicate, which the build wrote itself.
/// </summary>
internal static class FulcioClaims
{
    private const string Prefix = "1.3.6.1.4.1.57264.1.";

    /// <summary>The claims Vigil reports, in order: report name, current OID suffix, older (raw) OID suffix.</summary>
    private static readonly (string Name, int Current, int Legacy)[] Reported =
    [
        ("issuer", 8, 1),
        ("source repository", 12, 5),
        ("source ref", 14, 6),
        ("source commit", 13, 3),
        ("build signer", 9, 0),
        ("build trigger", 20, 2),
        ("run", 21, 0),
        ("runner", 11, 0),
    ];

    /// <summary>The certificate's claims by report name (only those present).</summary>
    public static List<KeyValuePair<string, string>> Read(X509Certificate2 certificate)
    {
        var claims = new List<KeyValuePair<string, string>>();
        foreach (var (name, current, legacy) in Reported)
        {
            var value = Value(certificate, current, der: true) ?? (legacy > 0 ? Value(certificate, legacy, der: false) : null);
            if (value is not null)
            {
                claims.Add(new(name, value));
            }
        }

        return claims;
    }

    private static string? Value(X509Certificate2 certificate, int suffix, bool der)
    {
        var oid = Prefix + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != oid)
            {
                continue;
            }

            if (!der)
            {
                return Encoding.UTF8.GetString(extension.RawData);
            }

            try
            {
                return AsnDecoder.ReadCharacterString(extension.RawData, AsnEncodingRules.DER, UniversalTagNumber.UTF8String, out _);
            }
            catch (AsnContentException)
            {
                return null;
            }
        }

        return null;
    }
}
