namespace Vigil.Lockfiles.Npm;

/// <summary>What npm's <c>resolved</c> field says about where a package came from.</summary>
internal static class NpmSources
{
    public static PackageSource FromResolved(string? resolved)
    {
        if (string.IsNullOrEmpty(resolved))
        {
            return PackageSource.Registry;
        }

        var kind = DependencySpec.Classify(resolved);
        return kind switch
        {
            // npm writes a registry package's tarball URL as resolved: that is the registry, not a tarball dependency.
            PackageSourceKind.Tarball or PackageSourceKind.Registry => PackageSource.Registry,
            _ => new PackageSource(kind, resolved),
        };
    }
}
