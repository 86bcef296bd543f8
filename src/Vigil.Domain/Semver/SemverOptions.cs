namespace Vigil.Domain.Semver;

/// <summary>
/// The options of the <c>semver</c> npm package that change how versions and ranges are read and matched.
/// </summary>
/// <remarks>
/// <para><see cref="Loose"/> accepts forms the registry has seen in the wild: <c>=1.2.3</c>, <c>v 1.2.3</c>,
/// <c>1.2.3beta</c>, leading zeros.</para>
/// <para><see cref="IncludePrerelease"/> lets a prerelease satisfy a range even when no comparator of the range
/// names a prerelease of the same <c>major.minor.patch</c>. npm audit uses both options.</para>
/// </remarks>
[Flags]
public enum SemverOptions
{
    /// <summary>Strict parsing; prereleases match only ranges that mention them.</summary>
    None = 0,

    /// <summary>The <c>loose</c> option.</summary>
    Loose = 1,

    /// <summary>The <c>includePrerelease</c> option.</summary>
    IncludePrerelease = 2,

    /// <summary>The options npm audit uses: <c>{ loose: true, includePrerelease: true }</c>.</summary>
    NpmAudit = Loose | IncludePrerelease,
}
