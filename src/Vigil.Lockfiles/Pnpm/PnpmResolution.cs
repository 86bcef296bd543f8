using Vigil.Domain.Semver;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Pnpm;

/// <summary>Where a pnpm package comes from, by its <c>resolution</c>: registry, git, local folder or tarball.</summary>
internal static class PnpmResolution
{
    public static PackageSource Source(ReadContext context, MapNode resolution, string version, string what)
    {
        var type = context.OptionalText(resolution, "type", what);
        if (type == "directory")
        {
            return new PackageSource(PackageSourceKind.File, context.OptionalText(resolution, "directory", what) ?? string.Empty);
        }

        var repo = context.OptionalText(resolution, "repo", what);
        if (type == "git" || repo is not null)
        {
            var commit = context.OptionalText(resolution, "commit", what);
            return new PackageSource(PackageSourceKind.Git, commit is null ? repo ?? string.Empty : repo + "#" + commit);
        }

        var tarball = context.OptionalText(resolution, "tarball", what);
        if (tarball is null)
        {
            return PackageSource.Registry;
        }

        if (tarball.StartsWith("file:", StringComparison.Ordinal))
        {
            return new PackageSource(PackageSourceKind.File, tarball);
        }

        if (tarball.StartsWith("https://codeload.github.com/", StringComparison.Ordinal) || DependencySpec.Classify(tarball) == PackageSourceKind.Git)
        {
            return new PackageSource(PackageSourceKind.Git, tarball);
        }

        // A package from another registry keeps its tarball URL and a plain version; anything else is a tarball dependency.
        return NpmVersion.TryParse(version, SemverOptions.Loose, out _, out _)
            ? PackageSource.Registry
            : new PackageSource(PackageSourceKind.Tarball, tarball);
    }
}
