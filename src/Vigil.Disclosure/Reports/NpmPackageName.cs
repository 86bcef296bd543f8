namespace Vigil.Disclosure.Reports;

/// <summary>
/// Whether a text can name a package on the npm registry, by the rules of npm's <c>validate-npm-package-name</c>
/// for existing packages (<c>validForOldPackages</c>): old names may have capitals or <c>~'!()*</c>, so reports about
/// them are accepted; what npm has never accepted is refused. Names are also held to npm's current 214 characters.
/// </summary>
public static class NpmPackageName
{
    /// <summary>Why <paramref name="name"/> is not an npm package name, or null when it is one.</summary>
    public static string? Validate(string? name)
    {
        if (name is null || name.Length == 0)
        {
            return "name length must be greater than zero";
        }

        if (name.Length > ReportLimits.PackageName)
        {
            return $"name can be at most {ReportLimits.PackageName} characters long";
        }

        if (name.StartsWith('.'))
        {
            return "name cannot start with a period";
        }

        if (name.StartsWith('_'))
        {
            return "name cannot start with an underscore";
        }

        if (name.Trim() != name)
        {
            return "name cannot contain leading or trailing spaces";
        }

        if (name is "node_modules" or "favicon.ico")
        {
            return $"{name} is not a valid package name";
        }

        if (IsUrlFriendly(name))
        {
            return null;
        }

        // A scoped name: @scope/name, each part URL-friendly on its own.
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        if (name.StartsWith('@') && slash > 1 && slash < name.Length - 1
            && IsUrlFriendly(name[1..slash]) && IsUrlFriendly(name[(slash + 1)..]))
        {
            return null;
        }

        return "name can only contain URL-friendly characters";
    }

    /// <summary>Whether JavaScript's <c>encodeURIComponent</c> leaves the text unchanged.</summary>
    private static bool IsUrlFriendly(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
