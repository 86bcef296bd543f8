namespace Vigil.Domain.Semver;

/// <summary>One end of a <see cref="VersionInterval"/>.</summary>
/// <param name="Version">The version at the end.</param>
/// <param name="Inclusive">Whether the version itself lies inside the interval.</param>
public sealed record VersionBound(NpmVersion Version, bool Inclusive);

/// <summary>
/// A contiguous set of versions in npm's order, unbounded where <see cref="Lower"/> or <see cref="Upper"/> is null.
/// </summary>
/// <param name="Lower">The lowest end, or null for "from the first version".</param>
/// <param name="Upper">The highest end, or null for "with no end".</param>
public sealed record VersionInterval(VersionBound? Lower, VersionBound? Upper)
{
    /// <summary>Whether the version lies inside the interval.</summary>
    public bool Contains(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Lower is not null)
        {
            int c = version.CompareTo(Lower.Version);
            if (c < 0 || (c == 0 && !Lower.Inclusive))
            {
                return false;
            }
        }

        if (Upper is not null)
        {
            int c = version.CompareTo(Upper.Version);
            if (c > 0 || (c == 0 && !Upper.Inclusive))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The lowest version inside the interval, or null when it holds none. Intervals like <c>(1.2.3, 1.2.4-0)</c>
    /// only look open: nothing lies between a version and its <see cref="NpmVersion.Successor"/>, and nothing
    /// below <c>0.0.0-0</c>.
    /// </summary>
    public NpmVersion? Lowest
    {
        get
        {
            var lowest = Lower is null ? MinimumVersion
                : Lower.Inclusive ? Lower.Version
                : Lower.Version.Successor();
            return lowest is not null && Contains(lowest) ? lowest : null;
        }
    }

    /// <summary>Whether no version at all lies inside the interval.</summary>
    public bool IsEmpty => Lowest is null;

    private static readonly NpmVersion MinimumVersion = NpmVersion.Parse("0.0.0-0");
}
