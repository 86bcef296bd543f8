namespace Vigil.Domain.Osv;

/// <summary>
/// An <c>affected[].ranges[].events[]</c> entry: one key (<see cref="Kind"/>) and its version string.
/// In JSON it is a one-property object such as <c>{"fixed": "1.2.3"}</c>.
/// </summary>
/// <param name="Kind">The event's key: introduced, fixed, last_affected or limit (or an unknown key, kept).</param>
/// <param name="Version">The version or commit, in the syntax of the range's type; <c>"0"</c> and <c>"*"</c> are special.</param>
public sealed record OsvEvent(OsvEnumValue<OsvEventKind> Kind, string Version)
{
    /// <summary>The event's key.</summary>
    public OsvEnumValue<OsvEventKind> Kind { get; init; } = Kind;

    /// <summary>The version or commit.</summary>
    public string Version { get; init; } = Version ?? throw new ArgumentNullException(nameof(Version));

    /// <summary>An <c>introduced</c> event.</summary>
    /// <param name="version">The version; <c>"0"</c> means before every version.</param>
    /// <returns>The event.</returns>
    public static OsvEvent Introduced(string version) => new(OsvEventKind.Introduced, version);

    /// <summary>A <c>fixed</c> event.</summary>
    /// <param name="version">The first version without the vulnerability.</param>
    /// <returns>The event.</returns>
    public static OsvEvent Fixed(string version) => new(OsvEventKind.Fixed, version);

    /// <summary>A <c>last_affected</c> event.</summary>
    /// <param name="version">The last version known to have the vulnerability.</param>
    /// <returns>The event.</returns>
    public static OsvEvent LastAffected(string version) => new(OsvEventKind.LastAffected, version);

    /// <summary>A <c>limit</c> event.</summary>
    /// <param name="version">The upper bound; <c>"*"</c> means infinity.</param>
    /// <returns>The event.</returns>
    public static OsvEvent Limit(string version) => new(OsvEventKind.Limit, version);
}
