using System.Collections.Frozen;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>The property names the schema defines for each object, in the schema's order (which the writer follows).</summary>
internal static class OsvPropertyNames
{
    public static readonly FrozenSet<string> Record = Set(
        "schema_version", "id", "modified", "published", "withdrawn", "aliases", "related", "upstream", "summary",
        "details", "severity", "affected", "references", "credits", "database_specific");

    public static readonly FrozenSet<string> Affected = Set(
        "package", "severity", "ranges", "versions", "ecosystem_specific", "database_specific");

    public static readonly FrozenSet<string> Package = Set("ecosystem", "name", "purl");

    public static readonly FrozenSet<string> Severity = Set("type", "score");

    public static readonly FrozenSet<string> Range = Set("type", "repo", "events", "database_specific");

    public static readonly FrozenSet<string> Reference = Set("type", "url");

    public static readonly FrozenSet<string> Credit = Set("name", "contact", "type");

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
