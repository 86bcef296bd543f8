using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>An <c>affected[].package</c>: which package in which ecosystem.</summary>
public sealed record OsvPackage
{
    /// <summary>
    /// <c>ecosystem</c>: the ecosystem, e.g. <c>npm</c>, optionally with a <c>:suffix</c> such as <c>Debian:12</c>.
    /// </summary>
    public required string Ecosystem { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary><c>name</c>: the package name as the ecosystem spells it, e.g. <c>@babel/core</c>.</summary>
    public required string Name { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary><c>purl</c>: the package URL, e.g. <c>pkg:npm/%40babel/core</c>.</summary>
    public string? Purl { get; init; }

    /// <summary>Properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether two packages hold the same data.</summary>
    /// <param name="other">The other package.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvPackage? other) =>
        other is not null
        && string.Equals(Ecosystem, other.Ecosystem, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && string.Equals(Purl, other.Purl, StringComparison.Ordinal)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData);

    /// <summary>A hash of the ecosystem and name.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Ecosystem, Name);
}
