namespace Vigil.Domain.Semver.Internal;

/// <summary>Orders and picks interval ends: a null lower end is the lowest, a null upper end the highest.</summary>
internal static class VersionBounds
{
    /// <summary>Orders lower ends: unbounded first; at the same version an inclusive end starts earlier.</summary>
    public static int CompareLower(VersionBound? a, VersionBound? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        int c = a.Version.CompareTo(b.Version);
        return c != 0 ? c : a.Inclusive == b.Inclusive ? 0 : a.Inclusive ? -1 : 1;
    }

    /// <summary>Orders upper ends: unbounded last; at the same version an inclusive end ends later.</summary>
    public static int CompareUpper(VersionBound? a, VersionBound? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : 1) : -1;
        }

        int c = a.Version.CompareTo(b.Version);
        return c != 0 ? c : a.Inclusive == b.Inclusive ? 0 : a.Inclusive ? 1 : -1;
    }

    /// <summary>The tighter of two lower ends.</summary>
    public static VersionBound? HigherLower(VersionBound? a, VersionBound? b) => CompareLower(a, b) >= 0 ? a : b;

    /// <summary>The tighter of two upper ends.</summary>
    public static VersionBound? LowerUpper(VersionBound? a, VersionBound? b) => CompareUpper(a, b) <= 0 ? a : b;

    /// <summary>The looser of two upper ends.</summary>
    public static VersionBound? HigherUpper(VersionBound? a, VersionBound? b) => CompareUpper(a, b) >= 0 ? a : b;
}
