using System.Text.Json;
using static Vigil.Domain.Osv.Serialization.OsvReading;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>Reads a record and its top-level parts from a reader positioned on the record's first token.</summary>
internal static class OsvRecordReader
{
    public static OsvRecord Read(ref Utf8JsonReader reader)
    {
        const string path = "";
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? schemaVersion = null, id = null, summary = null, details = null;
        OsvTimestamp? modified = null, published = null, withdrawn = null;
        List<string>? aliases = null, related = null, upstream = null;
        List<OsvSeverity>? severity = null;
        List<OsvAffected>? affected = null;
        List<OsvReference>? references = null;
        List<OsvCredit>? credits = null;
        JsonElement? databaseSpecific = null;
        var nulls = OsvNullFields.None;

        while (NextProperty(ref reader, path, seen) is { } name)
        {
            switch (name)
            {
                case "schema_version": schemaVersion = String(ref reader, name); break;
                case "id": id = String(ref reader, name); break;
                case "modified": modified = new OsvTimestamp(String(ref reader, name)); break;
                case "published": published = new OsvTimestamp(String(ref reader, name)); break;
                case "withdrawn": withdrawn = new OsvTimestamp(String(ref reader, name)); break;
                case "aliases": aliases = NullableArray(ref reader, ref nulls, OsvNullFields.Aliases, Strings, name); break;
                case "related": related = Strings(ref reader, name); break;
                case "upstream": upstream = Strings(ref reader, name); break;
                case "summary": summary = String(ref reader, name); break;
                case "details": details = String(ref reader, name); break;
                case "severity": severity = NullableArray(ref reader, ref nulls, OsvNullFields.Severity, Severities, name); break;
                case "affected":
                    affected = NullableArray(ref reader, ref nulls, OsvNullFields.Affected, static (ref r, p) => Objects(ref r, p, OsvAffectedReader.Read), name);
                    break;
                case "references":
                    references = NullableArray(ref reader, ref nulls, OsvNullFields.References, static (ref r, p) => Objects(ref r, p, Reference), name);
                    break;
                case "credits": credits = Objects(ref reader, name, Credit); break;
                case "database_specific": databaseSpecific = FreeFormObject(ref reader, name); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(name, FreeForm(ref reader, name)); break;
            }
        }

        return new OsvRecord
        {
            SchemaVersion = schemaVersion,
            Id = id ?? throw Required(start, path, "id"),
            Modified = modified ?? throw Required(start, path, "modified"),
            Published = published,
            Withdrawn = withdrawn,
            Aliases = aliases,
            Related = related,
            Upstream = upstream,
            Summary = summary,
            Details = details,
            Severity = severity,
            Affected = affected,
            References = references,
            Credits = credits,
            DatabaseSpecific = databaseSpecific,
            ExtensionData = extension,
            NullFields = nulls,
        };
    }

    /// <summary>The failure for a required property missing from the object that starts at <paramref name="start"/>.</summary>
    public static OsvParseFailure Required(long start, string path, string name) =>
        new(start, path, $"'{Child(path, name)}' is required");

    /// <summary>Reads a value the schema allows to be either an array or <c>null</c>; null sets <paramref name="flag"/>.</summary>
    public static List<T>? NullableArray<T>(
        ref Utf8JsonReader reader, ref OsvNullFields nulls, OsvNullFields flag, ValueReader<List<T>> read, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            nulls |= flag;
            return null;
        }

        return read(ref reader, path);
    }

    /// <summary>Reads an array whose items are objects of one kind.</summary>
    public static List<T> Objects<T>(ref Utf8JsonReader reader, string path, ValueReader<T> read)
    {
        ExpectArray(ref reader, path);
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(read(ref reader, Item(path, items.Count)));
        }

        return items;
    }

    public static List<OsvSeverity> Severities(ref Utf8JsonReader reader, string path) => Objects(ref reader, path, Severity);

    private static OsvSeverity Severity(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? type = null, score = null;
        while (NextProperty(ref reader, path, seen) is { } name)
        {
            switch (name)
            {
                case "type": type = String(ref reader, Child(path, name)); break;
                case "score": score = String(ref reader, Child(path, name)); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(name, FreeForm(ref reader, Child(path, name))); break;
            }
        }

        return new OsvSeverity
        {
            Type = OsvEnumValue.FromText<OsvSeverityType>(type ?? throw Required(start, path, "type")),
            Score = score ?? throw Required(start, path, "score"),
            ExtensionData = extension,
        };
    }

    private static OsvReference Reference(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? type = null, url = null;
        while (NextProperty(ref reader, path, seen) is { } name)
        {
            switch (name)
            {
                case "type": type = String(ref reader, Child(path, name)); break;
                case "url": url = String(ref reader, Child(path, name)); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(name, FreeForm(ref reader, Child(path, name))); break;
            }
        }

        return new OsvReference
        {
            Type = OsvEnumValue.FromText<OsvReferenceType>(type ?? throw Required(start, path, "type")),
            Url = url ?? throw Required(start, path, "url"),
            ExtensionData = extension,
        };
    }

    private static OsvCredit Credit(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? name = null, type = null;
        List<string>? contact = null;
        while (NextProperty(ref reader, path, seen) is { } property)
        {
            switch (property)
            {
                case "name": name = String(ref reader, Child(path, property)); break;
                case "contact": contact = Strings(ref reader, Child(path, property)); break;
                case "type": type = String(ref reader, Child(path, property)); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(property, FreeForm(ref reader, Child(path, property))); break;
            }
        }

        return new OsvCredit
        {
            Name = name ?? throw Required(start, path, "name"),
            Contact = contact,
            Type = type is null ? null : OsvEnumValue.FromText<OsvCreditType>(type),
            ExtensionData = extension,
        };
    }
}

/// <summary>Reads one value at the reader's current token; <paramref name="path"/> names it in errors.</summary>
internal delegate T ValueReader<T>(ref Utf8JsonReader reader, string path);
