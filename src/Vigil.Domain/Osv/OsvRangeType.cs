namespace Vigil.Domain.Osv;

/// <summary>How the versions of an <c>affected[].ranges[]</c> entry are ordered (<c>ranges[].type</c>).</summary>
public enum OsvRangeType
{
    /// <summary>A value the schema does not define; the original text is kept in <see cref="OsvEnumValue{TEnum}.Text"/>.</summary>
    Unknown = 0,

    /// <summary><c>GIT</c>: full commit hashes, ordered by the repository's commit graph.</summary>
    Git,

    /// <summary><c>SEMVER</c>: SemVer 2.0 versions without a leading <c>v</c>.</summary>
    Semver,

    /// <summary><c>ECOSYSTEM</c>: versions ordered by the package ecosystem's own rules.</summary>
    Ecosystem,
}
