using Vigil.Domain.Semver;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles;

/// <summary>Checks that a registry package's version is one npm could have installed (node-semver, loose).</summary>
internal static class PackageVersions
{
    public static void Check(ReadContext context, DataNode where, string name, string version)
    {
        if (!NpmVersion.TryParse(version, SemverOptions.Loose, out _, out var error))
        {
            throw context.Invalid(where, $"'{name}' has version '{Shorten(version)}', which is not a valid version: {error}");
        }
    }

    public static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
