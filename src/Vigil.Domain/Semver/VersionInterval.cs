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

    /// <summary>Whether no version at all lies inside the interval.</summary>
    public bool IsEmpty
    {
        get
        {
            // Nothing sorts below 0.0.0-0, node-semver's null set "<0.0.0-0".
            if (Upper is { Inclusive: false } && Upper.Version.ToString() == "0.0.0-0")
            {
                return true;
            }

            if (Lower is null || Upper is null)
            {
                return false;
            }

            int c = Lower.Version.CompareTo(Upper.Version);
            return c > 0 || (c == 0 && !(Lower.Inclusive && Upper.Inclusive));
        }
    }
}
