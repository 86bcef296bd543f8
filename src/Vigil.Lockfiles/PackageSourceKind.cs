namespace Vigil.Lockfiles;

/// <summary>Where a package's code comes from.</summary>
public enum PackageSourceKind
{
    /// <summary>An npm registry (the default registry or another one): audited by name and version.</summary>
    Registry,

    /// <summary>A git repository (<c>git+https:</c>, <c>github:</c>, <c>git+ssh:</c>, ...): not audited.</summary>
    Git,

    /// <summary>A local folder or tarball copied into the project (<c>file:</c>): not audited.</summary>
    File,

    /// <summary>A symbolic link to a local folder (<c>link:</c>, npm's <c>"link": true</c>): not audited.</summary>
    Link,

    /// <summary>A tarball downloaded from a URL that is not a registry's package tarball: not audited.</summary>
    Tarball,

    /// <summary>A workspace of the project itself: not a package to audit.</summary>
    Workspace,
}
