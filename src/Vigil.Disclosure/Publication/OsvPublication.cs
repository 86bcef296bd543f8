using System.Text.Json;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Cvss;
using Vigil.Domain.Osv;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Disclosure.Publication;

/// <summary>
/// The OSV record of a published report: the npm package with the affected range as OSV <c>SEMVER</c> events
/// (<see cref="NpmRangeConversion"/>), the CVSS vector, the CVE as alias, credits with their types, and
/// <c>database_specific.cwe_ids</c>.
/// </summary>
public static class OsvPublication
{
    /// <summary>The OSV schema version written.</summary>
    public const string SchemaVersion = "1.7.0";

    /// <summary>The OSV record of a fixed or published report.</summary>
    /// <exception cref="InvalidOperationException">The report is neither fixed nor published.</exception>
    public static OsvRecord ToOsv(VulnerabilityReport report, PublicationInput input)
    {
        PublishableReport.Check(report, input);
        var details = report.Details;
        var timestamp = OsvTimestamp.FromDateTimeOffset(input.PublishedAt);
        return new OsvRecord
        {
            SchemaVersion = SchemaVersion,
            Id = input.AdvisoryId,
            Modified = timestamp,
            Published = timestamp,
            Aliases = input.Cve.CveId is { } cve ? [cve] : null,
            Summary = details.Title,
            Details = details.Description,
            Severity = details.Cvss is { } cvss ? [new OsvSeverity { Type = SeverityType(cvss.Version), Score = cvss.Text }] : null,
            Affected =
            [
                new OsvAffected
                {
                    Package = new OsvPackage { Ecosystem = "npm", Name = details.PackageName, Purl = NpmPurl.Of(details.PackageName) },
                    Ranges = NpmRangeConversion.ToOsvRanges(details.AffectedVersions),
                },
            ],
            References = input.References.Count == 0 ? null
                : input.References.Select((uri, i) => new OsvReference { Type = i == 0 ? OsvReferenceType.Advisory : OsvReferenceType.Web, Url = uri.AbsoluteUri }).ToList(),
            Credits = input.Credits.Count == 0 ? null
                : input.Credits.Select(c => new OsvCredit { Name = c.Name, Type = c.Type, Contact = c.Contact }).ToList(),
            DatabaseSpecific = DatabaseSpecific(report),
        };
    }

    private static OsvSeverityType SeverityType(CvssVersion version) => version == CvssVersion.V40 ? OsvSeverityType.CvssV4 : OsvSeverityType.CvssV3;

    private static JsonElement DatabaseSpecific(VulnerabilityReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("cwe_ids");
            json.WriteStringValue(report.Details.Cwe.Id);
            json.WriteEndArray();
            if (report.Details.Cvss is { } cvss)
            {
                json.WriteString("severity", CvssSeverityRating.ToName(cvss.Scores.Severity).ToUpperInvariant());
            }

            json.WriteString("fixed_version", report.FixedVersion?.ToString());
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
