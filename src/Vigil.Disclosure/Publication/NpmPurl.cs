using System.Diagnostics.CodeAnalysis;

namespace Vigil.Disclosure.Publication;

/// <summary>Package URLs of npm packages.</summary>
internal static class NpmPurl
{
    /// <summary><c>pkg:npm/%40scope/name</c>, lower-cased as the purl spec asks for npm.</summary>
    [SuppressMessage("Globalization", "CA1308:Normalize strings to uppercase", Justification = "The purl spec asks for lowercase npm names.")]
    public static string Of(string packageName)
    {
        int slash = packageName.StartsWith('@') ? packageName.IndexOf('/', StringComparison.Ordinal) : -1;
        string[] parts = slash > 0 ? [packageName[..slash], packageName[(slash + 1)..]] : [packageName];
        return "pkg:npm/" + string.Join('/', parts.Select(p => Uri.EscapeDataString(p.ToLowerInvariant())));
    }
}
