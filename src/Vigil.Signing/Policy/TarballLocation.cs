namespace Vigil.Signing.Policy;

/// <summary>
/// Where a registry package's tarball comes from, as its lockfile says (a URL, a yarn berry locator, a bun registry)
/// or, when it says nothing, as the configured registry would serve it.
/// </summary>
public static class TarballLocation
{
    /// <summary>
    /// The tarball URL the lockfile entry names: npm's and yarn classic's <c>resolved</c> (its <c>#sha1</c> fragment
    /// dropped), pnpm's <c>resolution.tarball</c>, bun's registry (the tarball under it); when the entry names none
    /// (npm with <c>omit-lockfile-registry-resolved</c>, pnpm, yarn berry, bun's default), the one under
    /// <paramref name="registry"/>. Null with <paramref name="error"/> when <c>resolved</c> is no absolute URL.
    /// </summary>
    public static Uri? Of(string name, string version, string? resolved, Uri registry, out bool fromLockfile, out string? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(registry);
        error = null;
        fromLockfile = false;
        if (string.IsNullOrEmpty(resolved) || IsYarnLocator(resolved))
        {
            return Under(registry, name, version);
        }

        if (!Uri.TryCreate(resolved, UriKind.Absolute, out var url) || url.IsFile || url.IsUnc)
        {
            error = $"resolved '{Shorten(resolved)}' is not an absolute URL";
            return null;
        }

        fromLockfile = true;
        if (!string.IsNullOrEmpty(url.Fragment))
        {
            url = new UriBuilder(url) { Fragment = string.Empty }.Uri;
        }

        // bun writes the registry's URL (ending in '/'), not the tarball's: the tarball is the one under it.
        return url.AbsolutePath.EndsWith('/') && string.IsNullOrEmpty(url.Query) ? Under(url, name, version) : url;
    }

    /// <summary>The tarball URL npm uses under a registry: <c>registry/name/-/basename-version.tgz</c>.</summary>
    public static Uri Under(Uri registry, string name, string version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(name);
        string basename = name[(name.LastIndexOf('/') + 1)..];
        string root = registry.AbsoluteUri.EndsWith('/') ? registry.AbsoluteUri : registry.AbsoluteUri + "/";
        return new Uri(root + name + "/-/" + basename + "-" + version + ".tgz");
    }

    /// <summary>
    /// True when <paramref name="url"/>'s path ends in <c>/name/-/basename-version.tgz</c> (a scope's slash may be
    /// written <c>%2f</c>): the URL serves the package and version the entry names.
    /// </summary>
    public static bool Names(Uri url, string name, string version, out string found)
    {
        ArgumentNullException.ThrowIfNull(url);
        string path = Uri.UnescapeDataString(url.AbsolutePath.Replace("%2f", "/", StringComparison.OrdinalIgnoreCase));
        int dash = path.LastIndexOf("/-/", StringComparison.Ordinal);
        if (dash < 0 || !path.EndsWith(".tgz", StringComparison.Ordinal))
        {
            found = "no /name/-/file.tgz path";
            return false;
        }

        string basename = name[(name.LastIndexOf('/') + 1)..];
        string file = path[(dash + 3)..];
        string before = path[..dash];
        bool nameMatches = before.EndsWith("/" + name, StringComparison.Ordinal);
        bool fileMatches = file == basename + "-" + version + ".tgz";
        found = (nameMatches ? name : Shorten(before[(before.LastIndexOf('/') + 1)..])) + " " + Shorten(file);
        return nameMatches && fileMatches;
    }

    /// <summary>A yarn berry locator (<c>name@npm:1.2.3</c>, <c>name@patch:…</c>) rather than a URL.</summary>
    public static bool IsYarnLocator(string resolved) =>
        resolved.Contains("@npm:", StringComparison.Ordinal) || resolved.StartsWith("patch:", StringComparison.Ordinal)
        || resolved.Contains("@patch:", StringComparison.Ordinal);

    /// <summary>The version a yarn berry locator names (<c>name@npm:1.2.3</c> is <c>1.2.3</c>), or null when it is no npm locator.</summary>
    public static (string Name, string Version)? YarnLocator(string resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        int at = resolved.IndexOf("@npm:", 1, StringComparison.Ordinal);
        if (at <= 0 || resolved.StartsWith("patch:", StringComparison.Ordinal))
        {
            return null;
        }

        string version = resolved[(at + 5)..];
        int hash = version.IndexOf('#', StringComparison.Ordinal);
        return (resolved[..at], hash < 0 ? version : version[..hash]);
    }

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
