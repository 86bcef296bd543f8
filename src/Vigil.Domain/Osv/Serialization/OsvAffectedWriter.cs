using System.Text.Json;
using static Vigil.Domain.Osv.Serialization.OsvWriting;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>Writes an <c>affected[]</c> entry with its package, ranges and events.</summary>
internal static class OsvAffectedWriter
{
    public static void Write(Utf8JsonWriter writer, OsvAffected affected)
    {
        writer.WriteStartObject();
        if (affected.Package is { } package)
        {
            writer.WritePropertyName("package");
            Package(writer, package);
        }

        Objects(writer, "severity", affected.Severity, OsvRecordWriter.Severity, affected.NullFields.HasFlag(OsvNullFields.Severity));
        Objects(writer, "ranges", affected.Ranges, Range);
        Strings(writer, "versions", affected.Versions);
        Json(writer, "ecosystem_specific", affected.EcosystemSpecific);
        Json(writer, "database_specific", affected.DatabaseSpecific);
        Extension(writer, affected.ExtensionData, OsvPropertyNames.Affected);
        writer.WriteEndObject();
    }

    private static void Package(Utf8JsonWriter writer, OsvPackage package)
    {
        writer.WriteStartObject();
        writer.WriteString("ecosystem", package.Ecosystem);
        writer.WriteString("name", package.Name);
        String(writer, "purl", package.Purl);
        Extension(writer, package.ExtensionData, OsvPropertyNames.Package);
        writer.WriteEndObject();
    }

    private static void Range(Utf8JsonWriter writer, OsvRange range)
    {
        writer.WriteStartObject();
        Enum(writer, "type", range.Type);
        String(writer, "repo", range.Repo);
        Objects(writer, "events", range.Events, Event);
        Json(writer, "database_specific", range.DatabaseSpecific);
        Extension(writer, range.ExtensionData, OsvPropertyNames.Range);
        writer.WriteEndObject();
    }

    private static void Event(Utf8JsonWriter writer, OsvEvent @event)
    {
        writer.WriteStartObject();
        var key = @event.Kind.Text
            ?? throw new ArgumentException("An event holds default(OsvEnumValue<OsvEventKind>), which has no key to write.");
        writer.WriteString(key, @event.Version);
        writer.WriteEndObject();
    }
}
