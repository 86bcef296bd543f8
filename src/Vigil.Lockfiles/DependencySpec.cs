namespace Vigil.Lockfiles;

/// <summary>
/// Tells what a dependency specifier (the right-hand side of a <c>dependencies</c> entry) points at, the way npm's
/// <c>npm-package-arg</c> does: an npm alias, a git repository, a local file or folder, a link, a tarball URL, a
/// workspace, or (anything else: a version, range or tag) the registry.
/// </summary>
internal static class DependencySpec
{
    private static readonly string[] GitPrefixes = ["git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:"];

    public static PackageSourceKind Classify(string spec)
    {
        // A version or range (most specifiers): no rule below matches without a ':' or '/', but "git+" and "http…".git.
        if (spec.AsSpan().IndexOfAny(':', '/') < 0 && !spec.StartsWith("git+", StringComparison.Ordinal) && !spec.StartsWith("http", StringComparison.Ordinal))
        {
            return PackageSourceKind.Registry;
        }

        if (spec.StartsWith("npm:", StringComparison.Ordinal))
        {
            return PackageSourceKind.Registry;
        }

        if (spec.StartsWith("workspace:", StringComparison.Ordinal))
        {
            return PackageSourceKind.Workspace;
        }

        if (spec.StartsWith("link:", StringComparison.Ordinal) || spec.StartsWith("portal:", StringComparison.Ordinal))
        {
            return PackageSourceKind.Link;
        }

        if (spec.StartsWith("file:", StringComparison.Ordinal) || spec.StartsWith("./", StringComparison.Ordinal)
            || spec.StartsWith("../", StringComparison.Ordinal) || spec.StartsWith('/') || spec.StartsWith("~/", StringComparison.Ordinal))
        {
            return PackageSourceKind.File;
        }

        if (HasGitPrefix(spec) || IsGitUrl(spec) || IsGitHubShorthand(spec))
        {
            return PackageSourceKind.Git;
        }

        if (spec.StartsWith("http://", StringComparison.Ordinal) || spec.StartsWith("https://", StringComparison.Ordinal))
        {
            return PackageSourceKind.Tarball;
        }

        return PackageSourceKind.Registry;
    }

    /// <summary>For <c>npm:name@range</c>, the aliased name and range; the range is empty for <c>npm:name</c>.</summary>
    public static bool TryParseAlias(string spec, out string name, out string range)
    {
        name = range = string.Empty;
        if (!spec.StartsWith("npm:", StringComparison.Ordinal))
        {
            return false;
        }

        (name, range) = SplitNameAndVersion(spec["npm:".Length..]);
        return name.Length > 0;
    }

    /// <summary>Splits <c>name@version</c> (the name may be scoped: <c>@scope/name@1.0.0</c>); no <c>@</c> means no version.</summary>
    public static (string Name, string Version) SplitNameAndVersion(string text)
    {
        var at = text.IndexOf('@', text.StartsWith('@') ? 1 : 0);
        return at < 0 ? (text, string.Empty) : (text[..at], text[(at + 1)..]);
    }

    private static bool HasGitPrefix(string spec)
    {
        foreach (var prefix in GitPrefixes)
        {
            if (spec.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGitUrl(string spec) =>
        (spec.StartsWith("ssh://", StringComparison.Ordinal) || spec.StartsWith("http", StringComparison.Ordinal))
        && (spec.Contains(".git#", StringComparison.Ordinal) || spec.EndsWith(".git", StringComparison.Ordinal));

    /// <summary><c>user/repo</c> or <c>user/repo#ref</c>: npm reads it as a GitHub repository.</summary>
    private static bool IsGitHubShorthand(string spec)
    {
        if (spec.StartsWith('@') || spec.Contains(':', StringComparison.Ordinal) || spec.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        var hash = spec.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? spec : spec[..hash];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash < path.Length - 1 && path.IndexOf('/', slash + 1) < 0;
    }
}
