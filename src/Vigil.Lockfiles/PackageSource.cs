namespace Vigil.Lockfiles;

/// <summary>Where a package comes from, with the location as the lockfile writes it.</summary>
/// <param name="Kind">The kind of source.</param>
/// <param name="Location">
/// The URL, git locator or path the lockfile records (e.g. <c>git+https://github.com/o/r.git#0123abc</c>,
/// <c>packages/a</c>); empty for a registry package whose lockfile records no URL.
/// </param>
public sealed record PackageSource(PackageSourceKind Kind, string Location)
{
    /// <summary>A registry package whose lockfile records no URL.</summary>
    public static PackageSource Registry { get; } = new(PackageSourceKind.Registry, string.Empty);

    /// <summary>The kind in lower case, then the location if any: <c>git git+https://…</c>.</summary>
    public override string ToString()
    {
        var kind = Kind.ToString().ToLowerInvariant();
        return Location.Length == 0 ? kind : kind + " " + Location;
    }
}
