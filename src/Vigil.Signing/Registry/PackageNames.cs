using System.Text.RegularExpressions;

namespace Vigil.Signing.Registry;

/// <summary>Which names and versions may be put into a registry URL or a cache file name (the rest are refused, not escaped).</summary>
public static partial class PackageNames
{
    /// <summary>True for a package name npm's registry serves (<c>name</c>, <c>@scope/name</c>; old names may hold capitals), at most 214 characters.</summary>
    public static bool IsValid(string name) => name.Length is > 0 and <= 214 && Name().IsMatch(name);

    /// <summary>True for a version a registry publishes (semver's characters only), at most 256 characters.</summary>
    public static bool IsValidVersion(string version) => version.Length is > 0 and <= 256 && Version().IsMatch(version);

    [GeneratedRegex(@"^(@[A-Za-z0-9~\-][A-Za-z0-9._~\-]*/)?[A-Za-z0-9~\-][A-Za-z0-9._~\-]*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[0-9A-Za-z.+\-]+$")]
    private static partial Regex Version();
}
