namespace Vigil.Lockfiles;

/// <summary>
/// A dependency that is not matched against advisories because it does not come from a registry (git, a local
/// file or folder, a link, a tarball URL), with the reason. Its own registry dependencies are still audited.
/// </summary>
/// <param name="Package">The dependency, as far as the lockfile describes it.</param>
/// <param name="Reason">Why it is not audited, e.g. <c>git dependency: its code is not a published version</c>.</param>
public sealed record NotAuditedDependency(ResolvedPackage Package, string Reason)
{
    /// <summary><c>name@version (source): reason</c>.</summary>
    public override string ToString() => $"{Package} ({Package.Source}): {Reason}";
}
