using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>An <c>affected[]</c> entry: one package and the versions of it that have the vulnerability.</summary>
/// <remarks>
/// A version is affected when it is listed in <see cref="Versions"/> or falls in one of <see cref="Ranges"/>.
/// Equality is by value, like <see cref="OsvRecord"/>.
/// </remarks>
public sealed record OsvAffected
{
    /// <summary><c>package</c>: the affected package; absent for records that only list commits.</summary>
    public OsvPackage? Package { get; init; }

    /// <summary><c>severity</c>: severity scores for this package only (then the record has no top-level severity).</summary>
    public IReadOnlyList<OsvSeverity>? Severity { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>ranges</c>: the affected version ranges.</summary>
    public IReadOnlyList<OsvRange>? Ranges { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>versions</c>: an explicit list of affected versions, in the ecosystem's syntax.</summary>
    public IReadOnlyList<string>? Versions { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>ecosystem_specific</c>: a free-form JSON object defined by the ecosystem, kept verbatim.</summary>
    public JsonElement? EcosystemSpecific { get; init => field = OsvFreeze.Object(value, "ecosystem_specific"); }

    /// <summary><c>database_specific</c>: a free-form JSON object defined by the source database, kept verbatim.</summary>
    public JsonElement? DatabaseSpecific { get; init => field = OsvFreeze.Object(value, "database_specific"); }

    /// <summary>Properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether <see cref="Severity"/> was spelled <c>null</c> in the JSON; counts only while it is still null.</summary>
    internal OsvNullFields NullFields
    {
        get => Severity is null ? field & OsvNullFields.Severity : OsvNullFields.None;
        init;
    }

    /// <summary>Whether two entries hold the same data.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvAffected? other) =>
        other is not null
        && Package == other.Package
        && OsvEquality.Lists(Severity, other.Severity)
        && OsvEquality.Lists(Ranges, other.Ranges)
        && OsvEquality.Lists(Versions, other.Versions)
        && OsvEquality.Json(EcosystemSpecific, other.EcosystemSpecific)
        && OsvEquality.Json(DatabaseSpecific, other.DatabaseSpecific)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData)
        && NullFields == other.NullFields;

    /// <summary>A hash of the package.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => Package?.GetHashCode() ?? 0;
}
