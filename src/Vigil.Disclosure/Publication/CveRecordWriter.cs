using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Disclosure.Reports;
using Vigil.Domain.Cvss;
using Vigil.Domain.Osv;

namespace Vigil.Disclosure.Publication;

/// <summary>
/// Writes the CVE record of a published report in the CVE Record Format 5.1 (<c>dataType</c> <c>CVE_RECORD</c>,
/// <c>dataVersion</c> <c>5.1</c>) for submission by the CNA: <c>cveMetadata</c>, and a CNA container with the npm
/// package (<c>collectionURL</c> <c>https://www.npmjs.com</c>, <c>packageName</c>, semver versions with
/// <c>lessThan</c>/<c>lessThanOrEqual</c>, default status unaffected), the description, the CWE as problem type,
/// the CVSS metric, references and typed credits.
/// </summary>
public static class CveRecordWriter
{
    /// <summary>npm's package collection, as CVE records name it.</summary>
    public const string NpmCollectionUrl = "https://www.npmjs.com";

    /// <summary>The record as indented JSON.</summary>
    /// <exception cref="InvalidOperationException">The report is not fixed or published, the CVE id is still requested, or there is no reference.</exception>
    public static string Write(VulnerabilityReport report, PublicationInput input, CnaIdentity cna)
    {
        PublishableReport.Check(report, input);
        ArgumentNullException.ThrowIfNull(cna);
        string cveId = input.Cve.CveId ?? throw new InvalidOperationException("The CVE id is still requested: a CVE record needs the id.");
        if (input.References.Count == 0)
        {
            throw new InvalidOperationException("A CVE record needs at least one reference (the advisory's page).");
        }

        var details = report.Details;
        string published = Time(input.PublishedAt);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("dataType", "CVE_RECORD");
            json.WriteString("dataVersion", "5.1");

            json.WriteStartObject("cveMetadata");
            json.WriteString("cveId", cveId);
            json.WriteString("assignerOrgId", cna.OrgId.ToString("D"));
            json.WriteString("assignerShortName", cna.ShortName);
            json.WriteString("state", "PUBLISHED");
            json.WriteString("datePublished", published);
            json.WriteEndObject();

            json.WriteStartObject("containers");
            json.WriteStartObject("cna");
            json.WriteStartObject("providerMetadata");
            json.WriteString("orgId", cna.OrgId.ToString("D"));
            json.WriteString("shortName", cna.ShortName);
            json.WriteString("dateUpdated", published);
            json.WriteEndObject();
            json.WriteString("title", details.Title);
            json.WriteString("datePublic", published);

            WriteAffected(json, report);

            json.WriteStartArray("descriptions");
            json.WriteStartObject();
            json.WriteString("lang", "en");
            json.WriteString("value", details.Description);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("problemTypes");
            json.WriteStartObject();
            json.WriteStartArray("descriptions");
            json.WriteStartObject();
            json.WriteString("lang", "en");
            json.WriteString("cweId", details.Cwe.Id);
            json.WriteString("description", details.Cwe.ToString());
            json.WriteString("type", "CWE");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            if (details.Cvss is { } cvss)
            {
                WriteMetric(json, cvss);
            }

            json.WriteStartArray("references");
            foreach (var uri in input.References)
            {
                json.WriteStartObject();
                json.WriteString("url", uri.AbsoluteUri);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (input.Credits.Count > 0)
            {
                json.WriteStartArray("credits");
                foreach (var credit in input.Credits)
                {
                    json.WriteStartObject();
                    json.WriteString("lang", "en");
                    json.WriteString("value", credit.Name);
                    json.WriteString("type", CreditType(credit.Type));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The CVE record's spelling of a credit type: <c>finder</c>, <c>remediation developer</c>…</summary>
    public static string CreditType(OsvCreditType type) => type switch
    {
        OsvCreditType.Finder => "finder",
        OsvCreditType.Reporter => "reporter",
        OsvCreditType.Analyst => "analyst",
        OsvCreditType.Coordinator => "coordinator",
        OsvCreditType.RemediationDeveloper => "remediation developer",
        OsvCreditType.RemediationReviewer => "remediation reviewer",
        OsvCreditType.RemediationVerifier => "remediation verifier",
        OsvCreditType.Tool => "tool",
        OsvCreditType.Sponsor => "sponsor",
        _ => "other",
    };

    private static void WriteAffected(Utf8JsonWriter json, VulnerabilityReport report)
    {
        string name = report.Details.PackageName;
        int slash = name.StartsWith('@') ? name.IndexOf('/', StringComparison.Ordinal) : -1;
        json.WriteStartArray("affected");
        json.WriteStartObject();
        json.WriteString("vendor", slash > 0 ? name[1..slash] : name);
        json.WriteString("product", name);
        json.WriteString("collectionURL", NpmCollectionUrl);
        json.WriteString("packageName", name);
        json.WriteStartArray("versions");
        foreach (var entry in CveVersionEntry.Of(report.Details.AffectedVersions))
        {
            json.WriteStartObject();
            json.WriteString("version", entry.Version);
            json.WriteString("status", "affected");
            if (entry.LessThan is not null)
            {
                json.WriteString("lessThan", entry.LessThan);
            }
            else
            {
                json.WriteString("lessThanOrEqual", entry.LessThanOrEqual);
            }

            json.WriteString("versionType", "semver");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("defaultStatus", "unaffected");
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteMetric(Utf8JsonWriter json, CvssVector cvss)
    {
        (string property, string version) = cvss.Version switch
        {
            CvssVersion.V30 => ("cvssV3_0", "3.0"),
            CvssVersion.V31 => ("cvssV3_1", "3.1"),
            _ => ("cvssV4_0", "4.0"),
        };
        decimal score = cvss.Scores.BaseScore;
        json.WriteStartArray("metrics");
        json.WriteStartObject();
        json.WriteString("format", "CVSS");
        json.WriteStartArray("scenarios");
        json.WriteStartObject();
        json.WriteString("lang", "en");
        json.WriteString("value", "GENERAL");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject(property);
        json.WriteString("version", version);
        json.WriteString("vectorString", cvss.Text);
        json.WriteNumber("baseScore", score);
        json.WriteString("baseSeverity", CvssSeverityRating.ToName(CvssSeverityRating.FromScore(score)).ToUpperInvariant());
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
