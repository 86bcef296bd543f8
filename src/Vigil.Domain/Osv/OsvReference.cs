using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>A <c>references[]</c> entry: a typed link.</summary>
public sealed record OsvReference
{
    /// <summary><c>type</c>: what the link points to.</summary>
    public required OsvEnumValue<OsvReferenceType> Type { get; init; }

    /// <summary><c>url</c>: the fully qualified URL, kept as written.</summary>
    public required string Url { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>Properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether two references hold the same data.</summary>
    /// <param name="other">The other reference.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvReference? other) =>
        other is not null
        && Type == other.Type
        && string.Equals(Url, other.Url, StringComparison.Ordinal)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData);

    /// <summary>A hash of the type and URL.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Type, Url);
}
