namespace Vigil.Lockfiles.Pnpm;

/// <summary>
/// pnpm's package keys and dependency references across lockfile versions:
/// 5.x <c>/name/1.0.0_peer@2.0.0</c>, 6 <c>/name@1.0.0(peer@2.0.0)</c>, 9 <c>name@1.0.0(peer@2.0.0)</c>.
/// </summary>
internal static class PnpmKeys
{
    /// <summary>The name and version in a package key, without the peer suffix; false when the key does not have that form.</summary>
    public static bool TryParse(string key, int major, out string name, out string version)
    {
        name = version = string.Empty;
        var text = major < 9 && key.StartsWith('/') ? key[1..] : key;
        if (major < 6)
        {
            // name/version_peers, where name may be @scope/name
            var slash = text.IndexOf('/', text.StartsWith('@') ? text.IndexOf('/', StringComparison.Ordinal) + 1 : 0);
            if (slash <= 0 || slash == text.Length - 1)
            {
                return false;
            }

            name = text[..slash];
            var rest = text[(slash + 1)..];
            var underscore = rest.IndexOf('_', StringComparison.Ordinal);
            version = underscore < 0 ? rest : rest[..underscore];
        }
        else
        {
            (name, version) = DependencySpec.SplitNameAndVersion(text);
            var paren = version.IndexOf('(', StringComparison.Ordinal);
            version = paren < 0 ? version : version[..paren];
        }

        return name.Length > 0 && version.Length > 0 && !name.Contains('(', StringComparison.Ordinal);
    }

    /// <summary>The keys a dependency reference may point at, most likely first.</summary>
    public static IEnumerable<string> Candidates(string name, string reference, int major)
    {
        if (major >= 9)
        {
            yield return name + "@" + reference;
            yield return reference;
        }
        else if (major >= 6)
        {
            yield return reference.StartsWith('/') ? reference : "/" + name + "@" + reference;
            yield return reference;
        }
        else
        {
            yield return reference.StartsWith('/') ? reference : "/" + name + "/" + reference;
            yield return reference;
        }
    }

    /// <summary>A <c>link:</c> target resolved against the importer's folder: <c>packages/b</c> + <c>../a</c> is <c>packages/a</c>.</summary>
    public static string ResolveLink(string importer, string target)
    {
        var parts = new List<string>();
        foreach (var part in (importer == "." ? string.Empty : importer).Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Concat(target.Split('/', StringSplitOptions.RemoveEmptyEntries)))
        {
            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else
                {
                    parts.Add(part);
                }
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return parts.Count == 0 ? "." : string.Join('/', parts);
    }
}
