using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The OSV type of a WG reference, from its URL (ADR 0003): HackerOne reports are REPORT; commits and pull
/// requests are FIX; NVD, <c>/advisories/</c> pages and the nodejs.org vulnerability blog are ADVISORY;
/// npmjs.com package pages are PACKAGE; anything else, including text that is not a URL, is WEB.
/// </summary>
internal static class ReferenceTypes
{
    public static OsvReferenceType Of(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return OsvReferenceType.Web;
        }

        var path = uri.AbsolutePath;
        if (IsHost(uri, "hackerone.com") && path.StartsWith("/reports/", StringComparison.Ordinal))
        {
            return OsvReferenceType.Report;
        }

        if (path.Contains("/commit/", StringComparison.Ordinal) || path.Contains("/pull/", StringComparison.Ordinal))
        {
            return OsvReferenceType.Fix;
        }

        if (IsHost(uri, "nvd.nist.gov") || path.Contains("/advisories/", StringComparison.Ordinal))
        {
            return OsvReferenceType.Advisory;
        }

        if (IsHost(uri, "npmjs.com") && path.StartsWith("/package/", StringComparison.Ordinal))
        {
            return OsvReferenceType.Package;
        }

        return IsHost(uri, "nodejs.org") && path.Contains("/blog/vulnerability/", StringComparison.Ordinal)
            ? OsvReferenceType.Advisory
            : OsvReferenceType.Web;
    }

    /// <summary>The host or one of its subdomains (<c>www.npmjs.com</c> for <c>npmjs.com</c>).</summary>
    private static bool IsHost(Uri uri, string host) =>
        string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith("." + host, StringComparison.OrdinalIgnoreCase);
}
