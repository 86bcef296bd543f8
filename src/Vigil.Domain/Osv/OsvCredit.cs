using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>A <c>credits[]</c> entry: someone to credit and how to reach them.</summary>
public sealed record OsvCredit
{
    /// <summary><c>name</c>: the name, handle or organisation, as they prefer it.</summary>
    public required string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary><c>contact</c>: URLs (including <c>mailto:</c>) at which they can be reached.</summary>
    public IReadOnlyList<string>? Contact { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>type</c>: their role.</summary>
    public OsvEnumValue<OsvCreditType>? Type { get; init; }

    /// <summary>Properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether two credits hold the same data.</summary>
    /// <param name="other">The other credit.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvCredit? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && OsvEquality.Lists(Contact, other.Contact)
        && Type == other.Type
        && OsvEquality.Properties(ExtensionData, other.ExtensionData);

    /// <summary>A hash of the name.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);
}
