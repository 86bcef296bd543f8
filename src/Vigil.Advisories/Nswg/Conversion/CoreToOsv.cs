using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// A core record (<c>core/N.json</c>) as an OSV record affecting <c>Node.js</c>/<c>node</c>, an ecosystem of its
/// own so that nothing keyed on npm can match it; <see cref="OsvToCore"/> is the way back.
/// </summary>
internal static class CoreToOsv
{
    public const string Ecosystem = "Node.js";
    public const string PackageName = "node";
    public const string Purl = "pkg:generic/node";
    public const string Platforms = "platforms";

    public static NswgToOsvResult Convert(NswgCoreRecord r, long fileNumber, OsvTimestamp modified)
    {
        var messages = new ConversionMessages(NswgKind.Core, fileNumber);
        using var stored = new StoredFieldsWriter(NswgKind.Core);
        var aliases = CommonFields.Aliases("cve", r.Cve, stored, messages);
        stored.String("vulnerable", r.Vulnerable);
        stored.String("patched", r.Patched);

        IReadOnlyList<string>? refs = r.Ref is null ? null : [r.Ref];
        var references = OsvFields.References(refs);
        List<OsvCredit> credits = [];
        Credit(credits, stored, "author", r.Author, OsvCreditType.Finder);
        Credit(credits, stored, "reported_by", r.ReportedBy, OsvCreditType.Reporter);
        var published = CommonFields.Published(r.PublishDate, stored, messages);
        stored.String("type", r.Type);

        var severity = CommonFields.Severity("cvss", r.Cvss, messages);
        if (OsvFields.Vector(severity) != r.Cvss)
        {
            stored.String("cvss", r.Cvss);
        }

        stored.Number("cvss_score", r.CvssScore);
        stored.String("severity", r.Severity);
        stored.Extra(r.Extra);

        var affected = new OsvAffected
        {
            Package = new OsvPackage { Ecosystem = Ecosystem, Name = PackageName, Purl = Purl },
            Ranges = AffectedRanges.Core(r.Vulnerable, r.Patched, messages.Warn),
            EcosystemSpecific = r.AffectedEnvironments is null ? null : EcosystemSpecific(r.AffectedEnvironments),
        };
        var osv = new OsvRecord
        {
            SchemaVersion = NswgToOsv.SchemaVersion,
            Id = NswgOsvIds.Format(NswgKind.Core, fileNumber),
            Modified = modified,
            Published = published,
            Aliases = aliases,
            Summary = r.Description,
            Details = r.Overview,
            Severity = severity,
            Affected = [affected],
            References = references,
            Credits = credits.Count > 0 ? credits : null,
            DatabaseSpecific = stored.Finish(),
        };
        return messages.Done(r, osv);
    }

    /// <summary>A name as a credit; an empty one is kept instead, as a credit needs a name.</summary>
    private static void Credit(List<OsvCredit> credits, StoredFieldsWriter stored, string field, string? name, OsvCreditType type)
    {
        if (name is { Length: > 0 })
        {
            credits.Add(OsvFields.Credit(name, type));
        }
        else
        {
            stored.String(field, name);
        }
    }

    /// <summary><c>{"platforms": [...]}</c>, the platforms in the WG's order.</summary>
    private static JsonElement EcosystemSpecific(NswgList<string> platforms)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Platforms);
            foreach (var platform in platforms)
            {
                writer.WriteStringValue(platform);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
