namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// A package URL (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>) read into an OSV ecosystem and name.
/// <c>pkg:npm/%40scope/name@1.2.3</c> is npm's <c>@scope/name</c>; <c>pkg:generic/node@18.0.0</c> is the Node.js
/// runtime (ecosystem <c>Node.js</c>, docs/adr/0003). Other types map to their OSV ecosystem.
/// </summary>
/// <param name="Ecosystem">The OSV ecosystem, or null for a type OSV names no ecosystem for.</param>
/// <param name="Name">The package name as the ecosystem writes it.</param>
/// <param name="Version">The version, when the purl has one.</param>
internal sealed record PackageUrl(string? Ecosystem, string Name, string? Version)
{
    private static readonly Dictionary<string, (string Ecosystem, string Separator)> Types = new(StringComparer.Ordinal)
    {
        ["npm"] = ("npm", "/"),
        ["pypi"] = ("PyPI", "/"),
        ["maven"] = ("Maven", ":"),
        ["golang"] = ("Go", "/"),
        ["cargo"] = ("crates.io", "/"),
        ["gem"] = ("RubyGems", "/"),
        ["nuget"] = ("NuGet", "/"),
        ["composer"] = ("Packagist", "/"),
        ["pub"] = ("Pub", "/"),
        ["hex"] = ("Hex", "/"),
    };

    /// <summary>Reads a purl; <paramref name="field"/> names it in the error when it is not one.</summary>
    public static PackageUrl Parse(string purl, string field)
    {
        string Fail(string why) => throw new OsvApiException($"{field}: not a package URL ({why}).");

        string text = purl.Trim();
        if (!text.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            Fail("it must start with pkg:");
        }

        text = text[4..].TrimStart('/');
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            text = text[..hash];
        }

        int question = text.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            text = text[..question];
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            Fail("it needs a type and a name: pkg:type/name");
        }

        string type = text[..slash].ToLowerInvariant();
        string path = text[(slash + 1)..].TrimEnd('/');
        string? version = null;
        int at = path.LastIndexOf('@');
        if (at >= 0 && at > path.LastIndexOf('/'))
        {
            version = Decode(path[(at + 1)..], Fail);
            path = path[..at];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Decode(s, Fail)).ToArray();
        if (segments.Length == 0 || segments.Any(s => s.Length == 0))
        {
            Fail("it has no name");
        }

        if (type == "generic" && segments is ["node"])
        {
            return new PackageUrl("Node.js", "node", NullIfEmpty(version));
        }

        if (!Types.TryGetValue(type, out var known))
        {
            return new PackageUrl(null, string.Join('/', segments), NullIfEmpty(version));
        }

        return new PackageUrl(known.Ecosystem, string.Join(known.Separator, segments), NullIfEmpty(version));
    }

    private static string Decode(string text, Func<string, string> fail)
    {
        for (int i = text.IndexOf('%', StringComparison.Ordinal); i >= 0; i = text.IndexOf('%', i + 1))
        {
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                return fail("a % must be followed by two hexadecimal digits");
            }
        }

        return Uri.UnescapeDataString(text);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
