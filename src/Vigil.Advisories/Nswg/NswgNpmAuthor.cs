namespace Vigil.Advisories.Nswg;

/// <summary>The <c>author</c> object of an npm record: <c>{ "name", "username", "website" }</c>.</summary>
public sealed record NswgNpmAuthor
{
    /// <summary><c>name</c>: the reporter's name (required by the WG schema, never null). Null here means absent.</summary>
    public string? Name { get; init; }

    /// <summary><c>username</c>: a user name, or null (required key).</summary>
    public NswgField<string> Username { get; init; }

    /// <summary><c>website</c>: a web site, or null (required key).</summary>
    public NswgField<string> Website { get; init; }

    /// <summary>The keys in the order the file had them; empty for an author made in code.</summary>
    public NswgList<string> KeyOrder { get; init; } = NswgList.Empty<string>();

    /// <summary>Keys the WG schema does not define for an author.</summary>
    public NswgExtraFields Extra { get; init; } = NswgExtraFields.Empty;
}
