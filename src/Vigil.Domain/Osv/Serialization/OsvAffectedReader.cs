using System.Text.Json;
using static Vigil.Domain.Osv.Serialization.OsvReading;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>Reads an <c>affected[]</c> entry with its package, ranges and events.</summary>
internal static class OsvAffectedReader
{
    public static OsvAffected Read(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        OsvPackage? package = null;
        List<OsvSeverity>? severity = null;
        List<OsvRange>? ranges = null;
        List<string>? versions = null;
        JsonElement? ecosystemSpecific = null, databaseSpecific = null;
        var nulls = OsvNullFields.None;
        while (NextProperty(ref reader, path, seen) is { } name)
        {
            var at = Child(path, name);
            switch (name)
            {
                case "package": package = Package(ref reader, at); break;
                case "severity":
                    severity = OsvRecordReader.NullableArray(ref reader, ref nulls, OsvNullFields.Severity, OsvRecordReader.Severities, at);
                    break;
                case "ranges": ranges = OsvRecordReader.Objects(ref reader, at, Range); break;
                case "versions": versions = Strings(ref reader, at); break;
                case "ecosystem_specific": ecosystemSpecific = FreeFormObject(ref reader, at); break;
                case "database_specific": databaseSpecific = FreeFormObject(ref reader, at); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(name, FreeForm(ref reader, at)); break;
            }
        }

        return new OsvAffected
        {
            Package = package,
            Severity = severity,
            Ranges = ranges,
            Versions = versions,
            EcosystemSpecific = ecosystemSpecific,
            DatabaseSpecific = databaseSpecific,
            ExtensionData = extension,
            NullFields = nulls,
        };
    }

    private static OsvPackage Package(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? ecosystem = null, name = null, purl = null;
        while (NextProperty(ref reader, path, seen) is { } property)
        {
            var at = Child(path, property);
            switch (property)
            {
                case "ecosystem": ecosystem = String(ref reader, at); break;
                case "name": name = String(ref reader, at); break;
                case "purl": purl = String(ref reader, at); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(property, FreeForm(ref reader, at)); break;
            }
        }

        return new OsvPackage
        {
            Ecosystem = ecosystem ?? throw OsvRecordReader.Required(start, path, "ecosystem"),
            Name = name ?? throw OsvRecordReader.Required(start, path, "name"),
            Purl = purl,
            ExtensionData = extension,
        };
    }

    private static OsvRange Range(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        OrderedDictionary<string, JsonElement>? extension = null;
        string? type = null, repo = null;
        List<OsvEvent>? events = null;
        JsonElement? databaseSpecific = null;
        while (NextProperty(ref reader, path, seen) is { } name)
        {
            var at = Child(path, name);
            switch (name)
            {
                case "type": type = String(ref reader, at); break;
                case "repo": repo = String(ref reader, at); break;
                case "events": events = OsvRecordReader.Objects(ref reader, at, Event); break;
                case "database_specific": databaseSpecific = FreeFormObject(ref reader, at); break;
                default: (extension ??= new(StringComparer.Ordinal)).Add(name, FreeForm(ref reader, at)); break;
            }
        }

        return new OsvRange
        {
            Type = OsvEnumValue.FromText<OsvRangeType>(type ?? throw OsvRecordReader.Required(start, path, "type")),
            Repo = repo,
            Events = events ?? throw OsvRecordReader.Required(start, path, "events"),
            DatabaseSpecific = databaseSpecific,
            ExtensionData = extension,
        };
    }

    /// <summary>An event is an object with exactly one key, whose value is a version string.</summary>
    private static OsvEvent Event(ref Utf8JsonReader reader, string path)
    {
        ExpectObject(ref reader, path);
        var start = reader.TokenStartIndex;
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            throw new OsvParseFailure(start, path, $"event '{path}' is empty; it needs one of introduced, fixed, last_affected or limit");
        }

        var key = Name(ref reader, path);
        reader.Read();
        var version = String(ref reader, Child(path, key));
        reader.Read();
        if (reader.TokenType != JsonTokenType.EndObject)
        {
            var second = Name(ref reader, path);
            throw Fail(ref reader, path, $"event '{path}' has more than one key ('{key}' and '{second}'); it must have exactly one");
        }

        return new OsvEvent(OsvEnumValue.FromText<OsvEventKind>(key), version);
    }
}
