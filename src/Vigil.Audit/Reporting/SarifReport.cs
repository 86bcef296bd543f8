using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Vigil.Domain.Advisories;

namespace Vigil.Audit.Reporting;

/// <summary>
/// The report as SARIF 2.1.0 for GitHub code scanning: one rule per advisory (with <c>security-severity</c>, the
/// CVSS score GitHub ranks alerts by), one result per vulnerable package version, located at the package's line
/// in the lockfile, with a stable fingerprint so that an alert survives unrelated changes. Ignored findings are
/// results with an accepted external suppression carrying the ignore file's reason.
/// </summary>
public static class SarifReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(AuditReport report, ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        var lines = LockfileLines.Read(report.Lockfile.Path);
        var rules = report.Findings.Concat(report.Ignored.Select(i => i.Finding)).Select(f => f.Advisory).DistinctBy(a => a.Id).ToList();
        var ruleIndex = rules.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "vigil");
            w.WriteString("semanticVersion", context.ToolVersion);
            w.WriteString("informationUri", "https://github.com/nodejs/security-wg");
            w.WriteStartArray("rules");
            foreach (var advisory in rules)
            {
                WriteRule(w, advisory);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var f in report.Findings)
            {
                WriteResult(w, f, ruleIndex[f.Advisory.Id], ArtifactUri(context.LockfileUri), lines.Of(f.Package.Name, f.Package.Version), null);
            }

            // Ignored findings stay visible to code scanning, as suppressed results with the ignore file's reason.
            foreach (var i in report.Ignored)
            {
                var f = i.Finding;
                WriteResult(w, f, ruleIndex[f.Advisory.Id], ArtifactUri(context.LockfileUri), lines.Of(f.Package.Name, f.Package.Version), i.Rule.Reason);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter w, AdvisoryFacts advisory)
    {
        string summary = OneLine(advisory.Summary ?? advisory.Id);
        w.WriteStartObject();
        w.WriteString("id", advisory.Id);
        w.WriteStartObject("shortDescription");
        w.WriteString("text", summary);
        w.WriteEndObject();
        w.WriteStartObject("fullDescription");
        w.WriteString("text", advisory.Aliases.Count > 0 ? $"{summary} ({string.Join(", ", advisory.Aliases)})" : summary);
        w.WriteEndObject();
        if (advisory.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            w.WriteString("helpUri", uri.AbsoluteUri);
        }

        w.WriteStartObject("help");
        w.WriteString("text", $"{summary}. Advisory {advisory.Id}{(advisory.Url is null ? string.Empty : ": " + advisory.Url)}");
        w.WriteEndObject();
        w.WriteStartObject("defaultConfiguration");
        w.WriteString("level", Level(advisory.Severity));
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteStartArray("tags");
        w.WriteStringValue("security");
        w.WriteStringValue("vulnerability");
        foreach (string cwe in advisory.Cwes)
        {
            w.WriteStringValue("external/cwe/" + cwe.ToLowerInvariant());
        }

        w.WriteEndArray();
        w.WriteString("security-severity", SecuritySeverity(advisory.Severity));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, int ruleIndex, string uri, int line, string? suppressedBecause)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.Advisory.Id);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", Level(f.Advisory.Severity));
        w.WriteStartObject("message");
        string fix = f.FixedIn is { } v ? $" Upgrade to {v}{(f.FixIsMajor ? " (a major upgrade)" : string.Empty)}." : " No fixed version is known.";
        string via = f.Package.Paths.Length > 0 ? $" Brought in by {f.Package.Paths[0]}." : string.Empty;
        w.WriteString("text", $"{f.Package} is vulnerable to {f.Advisory.Id}: {OneLine(f.Advisory.Summary ?? string.Empty)} (vulnerable: {f.VulnerableRange}).{fix}{via}");
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", uri);
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", line);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        if (suppressedBecause is not null)
        {
            w.WriteStartArray("suppressions");
            w.WriteStartObject();
            w.WriteString("kind", "external");
            w.WriteString("status", "accepted");
            w.WriteString("justification", OneLine(suppressedBecause));
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteStartObject("partialFingerprints");
        w.WriteString("vigilFinding/v1", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{f.Advisory.Id}\n{f.Package.Name}\n{f.Package.Version}")))[..32]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>SARIF's level: critical and high are errors, moderate and unknown warnings, the rest notes.</summary>
    private static string Level(AdvisorySeverity severity) => severity.Rank switch
    {
        SeverityLevel.Critical or SeverityLevel.High => "error",
        SeverityLevel.Moderate => "warning",
        _ => "note",
    };

    /// <summary>The CVSS score, or a score in the middle of the level's band when only the level is known.</summary>
    private static string SecuritySeverity(AdvisorySeverity severity) =>
        (severity.Score ?? severity.Rank switch
        {
            SeverityLevel.Critical => 9.5m,
            SeverityLevel.High => 8.0m,
            SeverityLevel.Moderate => 5.5m,
            SeverityLevel.Low => 2.0m,
            _ => 0.0m,
        }).ToString("0.0", CultureInfo.InvariantCulture);

    private static string OneLine(string text) => TerminalText.Clean(text).Trim();

    /// <summary>
    /// The lockfile's path as a SARIF <c>artifactLocation.uri</c> (RFC 3986): a relative path as a relative reference,
    /// each segment percent-encoded (<c>my%20project/package-lock.json</c>); a rooted path as an absolute <c>file</c>
    /// URI, since a relative reference must not begin with a slash (SARIF 3.4.4).
    /// </summary>
    private static string ArtifactUri(string path)
    {
        if (!Path.IsPathRooted(path))
        {
            return string.Join('/', path.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString));
        }

        string encoded = string.Join('/', Path.GetFullPath(path).Replace('\\', '/').Split('/').Select(s => s.EndsWith(':') ? s : Uri.EscapeDataString(s)));
        return "file://" + (encoded.StartsWith('/') ? string.Empty : "/") + encoded;
    }
}
