using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>A <c>severity[]</c> entry: a score in a named scoring system.</summary>
public sealed record OsvSeverity
{
    /// <summary><c>type</c>: the scoring system.</summary>
    public required OsvEnumValue<OsvSeverityType> Type { get; init; }

    /// <summary><c>score</c>: the score in that system, e.g. a CVSS vector string or an Ubuntu priority.</summary>
    public required string Score { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary>Properties the schema does not define (such as a newer schema's <c>source</c>), kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether two entries hold the same data.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvSeverity? other) =>
        other is not null
        && Type == other.Type
        && string.Equals(Score, other.Score, StringComparison.Ordinal)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData);

    /// <summary>A hash of the type and score.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Type, Score);
}
