namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// Joi's <c>Joi.string().uri()</c>: an absolute URI by RFC 3986 syntax —
/// <c>scheme ":" hier-part [ "?" query ] [ "#" fragment ]</c>, ASCII only, with valid percent-encoding.
/// Written by hand instead of as a regular expression.
/// </summary>
internal static class UriSyntax
{
    private const string SubDelims = "!$&'()*+,;=";

    private static readonly System.Buffers.SearchValues<char> IpLiteral =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEFvV:.-_~!$&'()*+,;=");

    public static bool IsAbsoluteUri(string s)
    {
        if (s.Length == 0 || !char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        var colon = 1;
        while (colon < s.Length && (char.IsAsciiLetterOrDigit(s[colon]) || s[colon] is '+' or '-' or '.'))
        {
            colon++;
        }

        if (colon >= s.Length || s[colon] != ':')
        {
            return false;
        }

        var rest = s.AsSpan(colon + 1);
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!AllValid(rest[(hash + 1)..], "/?"))
            {
                return false;
            }

            rest = rest[..hash];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            if (!AllValid(rest[(question + 1)..], "/?"))
            {
                return false;
            }

            rest = rest[..question];
        }

        if (rest.StartsWith("//"))
        {
            rest = rest[2..];
            var slash = rest.IndexOf('/');
            var authority = slash >= 0 ? rest[..slash] : rest;
            return IsAuthority(authority) && AllValid(rest[authority.Length..], "/");
        }

        return AllValid(rest, "/");
    }

    private static bool IsAuthority(ReadOnlySpan<char> authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            if (!AllValid(authority[..at], string.Empty, allowAt: false))
            {
                return false;
            }

            authority = authority[(at + 1)..];
        }

        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 2 || authority[1..close].ContainsAnyExcept(IpLiteral))
            {
                return false;
            }

            return IsPort(authority[(close + 1)..]);
        }

        var portColon = authority.LastIndexOf(':');
        var host = portColon >= 0 ? authority[..portColon] : authority;
        return AllValid(host, string.Empty, allowAt: false, allowColon: false)
            && IsPort(portColon >= 0 ? authority[portColon..] : []);
    }

    private static bool IsPort(ReadOnlySpan<char> part) =>
        part.IsEmpty || (part[0] == ':' && part[1..].ContainsAnyExceptInRange('0', '9') is false);

    /// <summary>All characters are pchar (unreserved, sub-delims, ':' and '@', percent-encoded) or in <paramref name="extra"/>.</summary>
    private static bool AllValid(ReadOnlySpan<char> part, string extra, bool allowAt = true, bool allowColon = true)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var ch = part[i];
            if (ch == '%')
            {
                if (i + 2 >= part.Length || !char.IsAsciiHexDigit(part[i + 1]) || !char.IsAsciiHexDigit(part[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '_' or '~'
                || SubDelims.Contains(ch, StringComparison.Ordinal) || extra.Contains(ch, StringComparison.Ordinal)
                || (ch == '@' && allowAt) || (ch == ':' && allowColon)))
            {
                return false;
            }
        }

        return true;
    }
}
