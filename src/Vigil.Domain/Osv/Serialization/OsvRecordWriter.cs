using System.Text.Json;
using static Vigil.Domain.Osv.Serialization.OsvWriting;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>Writes a record in the schema's property order, followed by its extension properties.</summary>
internal static class OsvRecordWriter
{
    public static void Write(Utf8JsonWriter writer, OsvRecord record)
    {
        writer.WriteStartObject();
        String(writer, "schema_version", record.SchemaVersion);
        writer.WriteString("id", record.Id);
        writer.WriteString("modified", record.Modified.Text);
        String(writer, "published", record.Published?.Text);
        String(writer, "withdrawn", record.Withdrawn?.Text);
        Strings(writer, "aliases", record.Aliases, record.NullFields.HasFlag(OsvNullFields.Aliases));
        Strings(writer, "related", record.Related);
        Strings(writer, "upstream", record.Upstream);
        String(writer, "summary", record.Summary);
        String(writer, "details", record.Details);
        Objects(writer, "severity", record.Severity, Severity, record.NullFields.HasFlag(OsvNullFields.Severity));
        Objects(writer, "affected", record.Affected, OsvAffectedWriter.Write, record.NullFields.HasFlag(OsvNullFields.Affected));
        Objects(writer, "references", record.References, Reference, record.NullFields.HasFlag(OsvNullFields.References));
        Objects(writer, "credits", record.Credits, Credit);
        Json(writer, "database_specific", record.DatabaseSpecific);
        Extension(writer, record.ExtensionData, OsvPropertyNames.Record);
        writer.WriteEndObject();
    }

    public static void Severity(Utf8JsonWriter writer, OsvSeverity severity)
    {
        writer.WriteStartObject();
        Enum(writer, "type", severity.Type);
        writer.WriteString("score", severity.Score);
        Extension(writer, severity.ExtensionData, OsvPropertyNames.Severity);
        writer.WriteEndObject();
    }

    private static void Reference(Utf8JsonWriter writer, OsvReference reference)
    {
        writer.WriteStartObject();
        Enum(writer, "type", reference.Type);
        writer.WriteString("url", reference.Url);
        Extension(writer, reference.ExtensionData, OsvPropertyNames.Reference);
        writer.WriteEndObject();
    }

    private static void Credit(Utf8JsonWriter writer, OsvCredit credit)
    {
        writer.WriteStartObject();
        writer.WriteString("name", credit.Name);
        Strings(writer, "contact", credit.Contact);
        if (credit.Type is { } type)
        {
            Enum(writer, "type", type);
        }

        Extension(writer, credit.ExtensionData, OsvPropertyNames.Credit);
        writer.WriteEndObject();
    }
}
