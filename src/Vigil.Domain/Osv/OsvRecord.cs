using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Domain.Osv;

/// <summary>
/// One OSV advisory (schema 1.7). Immutable; lists and free-form JSON are copied on assignment.
/// A null property was absent from the JSON; an empty list was written as <c>[]</c>. Read and write it with
/// <see cref="OsvJson"/>.
/// </summary>
/// <remarks>
/// Equality is by value: lists item by item, free-form JSON and <see cref="ExtensionData"/> exactly as they
/// round-trip (same property order, same number text).
/// </remarks>
[JsonConverter(typeof(OsvRecordJsonConverter))]
public sealed record OsvRecord
{
    /// <summary><c>schema_version</c>: the OSV schema version the record follows, e.g. <c>1.7.0</c>.</summary>
    public string? SchemaVersion { get; init; }

    /// <summary><c>id</c>: the record's identifier, <c>&lt;DB&gt;-&lt;ENTRYID&gt;</c>, e.g. <c>GHSA-c2qf-rxjj-qqgw</c>.</summary>
    public required string Id { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary><c>modified</c>: when the record was last changed.</summary>
    public required OsvTimestamp Modified { get; init => field = value ?? throw new ArgumentNullException(nameof(value)); }

    /// <summary><c>published</c>: when the record was published.</summary>
    public OsvTimestamp? Published { get; init; }

    /// <summary><c>withdrawn</c>: when the record was withdrawn; a withdrawn record should be ignored.</summary>
    public OsvTimestamp? Withdrawn { get; init; }

    /// <summary><c>aliases</c>: ids of the same vulnerability in other databases.</summary>
    public IReadOnlyList<string>? Aliases { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>related</c>: ids of closely related but different vulnerabilities.</summary>
    public IReadOnlyList<string>? Related { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>upstream</c>: ids of the upstream vulnerabilities this record derives from (schema 1.7).</summary>
    public IReadOnlyList<string>? Upstream { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>summary</c>: a one-line summary.</summary>
    public string? Summary { get; init; }

    /// <summary><c>details</c>: the full description, in Markdown.</summary>
    public string? Details { get; init; }

    /// <summary><c>severity</c>: severity scores of the whole vulnerability.</summary>
    public IReadOnlyList<OsvSeverity>? Severity { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>affected</c>: the affected packages and their versions.</summary>
    public IReadOnlyList<OsvAffected>? Affected { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>references</c>: links to more information.</summary>
    public IReadOnlyList<OsvReference>? References { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>credits</c>: people and organisations to credit.</summary>
    public IReadOnlyList<OsvCredit>? Credits { get; init => field = OsvFreeze.List(value); }

    /// <summary><c>database_specific</c>: a free-form JSON object defined by the source database, kept verbatim.</summary>
    public JsonElement? DatabaseSpecific { get; init => field = OsvFreeze.Object(value, "database_specific"); }

    /// <summary>Top-level properties the schema does not define, in source order, kept verbatim; null when there are none.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ExtensionData { get; init => field = OsvFreeze.Properties(value); }

    /// <summary>
    /// Which nullable arrays were spelled <c>null</c> in the JSON (see <see cref="OsvNullFields"/>); a flag counts
    /// only while its property is null, so giving the property a value drops it.
    /// </summary>
    internal OsvNullFields NullFields
    {
        get
        {
            var stillNull = (Aliases is null ? OsvNullFields.Aliases : 0)
                | (Severity is null ? OsvNullFields.Severity : 0)
                | (Affected is null ? OsvNullFields.Affected : 0)
                | (References is null ? OsvNullFields.References : 0);
            return field & stillNull;
        }

        init;
    }

    /// <summary>Whether two records hold the same data.</summary>
    /// <param name="other">The other record.</param>
    /// <returns>True when every property is equal by value.</returns>
    public bool Equals(OsvRecord? other) =>
        other is not null
        && string.Equals(SchemaVersion, other.SchemaVersion, StringComparison.Ordinal)
        && string.Equals(Id, other.Id, StringComparison.Ordinal)
        && Modified == other.Modified
        && Published == other.Published
        && Withdrawn == other.Withdrawn
        && OsvEquality.Lists(Aliases, other.Aliases)
        && OsvEquality.Lists(Related, other.Related)
        && OsvEquality.Lists(Upstream, other.Upstream)
        && string.Equals(Summary, other.Summary, StringComparison.Ordinal)
        && string.Equals(Details, other.Details, StringComparison.Ordinal)
        && OsvEquality.Lists(Severity, other.Severity)
        && OsvEquality.Lists(Affected, other.Affected)
        && OsvEquality.Lists(References, other.References)
        && OsvEquality.Lists(Credits, other.Credits)
        && OsvEquality.Json(DatabaseSpecific, other.DatabaseSpecific)
        && OsvEquality.Properties(ExtensionData, other.ExtensionData)
        && NullFields == other.NullFields;

    /// <summary>A hash of the identifying properties.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Id, Modified);
}
