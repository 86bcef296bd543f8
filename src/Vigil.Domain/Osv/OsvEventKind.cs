namespace Vigil.Domain.Osv;

/// <summary>The single key of an <c>affected[].ranges[].events[]</c> object.</summary>
public enum OsvEventKind
{
    /// <summary>A key the schema does not define; the original key is kept in <see cref="OsvEnumValue{TEnum}.Text"/>.</summary>
    Unknown = 0,

    /// <summary><c>introduced</c>: the version that introduced the vulnerability (<c>"0"</c> means before every version).</summary>
    Introduced,

    /// <summary><c>fixed</c>: the first version that no longer has the vulnerability.</summary>
    Fixed,

    /// <summary><c>last_affected</c>: the last version known to have the vulnerability.</summary>
    LastAffected,

    /// <summary><c>limit</c>: an upper bound on the range (<c>"*"</c> means infinity).</summary>
    Limit,
}
