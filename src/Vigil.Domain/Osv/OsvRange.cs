using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>
/// An <c>affected[].ranges[]</c> entry: a timeline of <see cref="Events"/> in the order the record gives them,
/// interpreted according to <see cref="Type"/>.
/// </summary>
public sealed record OsvRange
{
    /// <summary><c>type</c>: how the event versions are ordered.</summary>
    public required OsvEnumValue<OsvRangeType> Type { get; init; }

    /// <summary><c>repo</c>: the repository URL; required by the schema for <c>GIT</c> ranges.</summary>
    public string? Repo { get; init; }

    /// <summary><c>events</c>: the events, in record order (the schema recommends but does not require sorting).</summary>
    public required IReadOnlyList<OsvEvent> Events
    {
        get;
        init => field = OsvFreeze.List(value) ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary><c>database_specific</c>: a free-form JSON object; it never changes how the range is evaluated.</summary>
    public JsonElement? DatabaseSpecific { get; init => field = OsvFreeze.Object(value, "database_specific"); }

    /// <summary>Properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>Whether two ranges hold the same data.</summary>
    /// <param name="other">The other range.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvRange? other) =>
        other is not null
        && Type == other.Type
        && string.Equals(Repo, other.Repo, StringComparison.Ordinal)
        && OsvEquality.Lists(Events, other.Events)
        && OsvEquality.Json(DatabaseSpecific, other.DatabaseSpecific)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData);

    /// <summary>A hash of the type and event count.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Type, Events.Count);
}
