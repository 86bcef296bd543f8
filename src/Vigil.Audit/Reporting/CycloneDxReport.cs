using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Vigil.Domain.Advisories;
using Vigil.Domain.Cvss;
using Vigil.Lockfiles;

namespace Vigil.Audit.Reporting;

/// <summary>
/// The report as a CycloneDX 1.6 JSON bill of materials: every audited package as a component (with its purl),
/// and every finding as a vulnerability that affects it, with its ratings, references and recommendation.
/// Ignored findings are included with an analysis that says why they do not apply.
/// </summary>
public static class CycloneDxReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(AuditReport report, ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", "urn:uuid:" + DeterministicGuid(report, context));
            w.WriteNumber("version", 1);
            WriteMetadata(w, report, context);
            w.WriteStartArray("components");
            foreach (var package in report.Lockfile.Packages.DistinctBy(Purl))
            {
                WriteComponent(w, package);
            }

            w.WriteEndArray();
            w.WriteStartArray("vulnerabilities");
            foreach (var group in report.Findings.Select(f => (f, (Ignoring.IgnoreRule?)null))
                .Concat(report.Ignored.Select(i => (i.Finding, (Ignoring.IgnoreRule?)i.Rule)))
                .GroupBy(x => x.Item1.Advisory.Id, StringComparer.Ordinal))
            {
                WriteVulnerability(w, [.. group]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The package URL of an npm package version: <c>pkg:npm/%40scope/name@1.2.3</c>.</summary>
    public static string Purl(ResolvedPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        string name = package.Name.StartsWith('@') ? "%40" + Encode(package.Name[1..]).Replace("%2F", "/", StringComparison.Ordinal) : Encode(package.Name);
        return $"pkg:npm/{name}@{Encode(package.Version)}";
    }

    private static string Encode(string text) => Uri.EscapeDataString(text);

    private static void WriteMetadata(Utf8JsonWriter w, AuditReport report, ReportContext context)
    {
        w.WriteStartObject("metadata");
        w.WriteString("timestamp", context.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", "vigil");
        w.WriteString("version", context.ToolVersion);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("component");
        w.WriteString("type", "application");
        w.WriteString("bom-ref", "project");
        w.WriteString("name", Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(report.Lockfile.Path))) ?? "project");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteComponent(Utf8JsonWriter w, ResolvedPackage package)
    {
        string purl = Purl(package);
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", purl);
        w.WriteString("name", package.Name);
        w.WriteString("version", package.Version);
        w.WriteString("scope", package.Type.HasFlag(DependencyType.Optional) ? "optional" : package.Type.HasFlag(DependencyType.Dev) ? "excluded" : "required");
        w.WriteString("purl", purl);
        if (package.Integrity is { } integrity && TryHash(integrity, out string? algorithm, out string? hex))
        {
            w.WriteStartArray("hashes");
            w.WriteStartObject();
            w.WriteString("alg", algorithm);
            w.WriteString("content", hex);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteVulnerability(Utf8JsonWriter w, List<(Finding Finding, Ignoring.IgnoreRule? Rule)> findings)
    {
        var advisory = findings[0].Finding.Advisory;
        w.WriteStartObject();
        w.WriteString("bom-ref", "vulnerability:" + advisory.Id);
        w.WriteString("id", advisory.Id);
        w.WriteStartObject("source");
        w.WriteString("name", advisory.Id.StartsWith("NSWG-", StringComparison.Ordinal) ? "Node.js Security WG" : "OSV");
        if (advisory.Url is { } url)
        {
            w.WriteString("url", url);
        }

        w.WriteEndObject();
        w.WriteStartArray("references");
        foreach (string alias in advisory.Aliases)
        {
            w.WriteStartObject();
            w.WriteString("id", alias);
            w.WriteStartObject("source");
            w.WriteString("name", alias.StartsWith("CVE-", StringComparison.Ordinal) ? "NVD" : alias.StartsWith("GHSA-", StringComparison.Ordinal) ? "GitHub" : "OSV");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteRatings(w, advisory.Severity);
        w.WriteStartArray("cwes");
        foreach (string cwe in advisory.Cwes)
        {
            if (int.TryParse(cwe.AsSpan(cwe.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                w.WriteNumberValue(number);
            }
        }

        w.WriteEndArray();
        w.WriteString("description", advisory.Summary ?? advisory.Id);
        var fixes = findings.Where(f => f.Finding.FixedIn is not null).Select(f => $"{f.Finding.Package.Name} {f.Finding.FixedIn}").Distinct().ToList();
        w.WriteString("recommendation", fixes.Count > 0 ? "Upgrade to " + string.Join(", ", fixes) : "No fixed version is known yet.");
        if (findings.All(f => f.Rule is not null))
        {
            w.WriteStartObject("analysis");
            w.WriteString("state", "not_affected");
            w.WriteString("justification", "protected_by_mitigating_control");
            w.WriteString("detail", string.Join("; ", findings.Select(f => f.Rule!.Reason).Distinct()));
            w.WriteEndObject();
        }

        w.WriteStartArray("affects");
        foreach (string purl in findings.Select(f => Purl(f.Finding.Package)).Distinct())
        {
            w.WriteStartObject();
            w.WriteString("ref", purl);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRatings(Utf8JsonWriter w, AdvisorySeverity severity)
    {
        w.WriteStartArray("ratings");
        w.WriteStartObject();
        if (severity.Score is { } score)
        {
            w.WriteNumber("score", score);
        }

        w.WriteString("severity", severity.Level switch
        {
            SeverityLevel.Critical => "critical",
            SeverityLevel.High => "high",
            SeverityLevel.Moderate => "medium",
            SeverityLevel.Low => "low",
            SeverityLevel.Info => "info",
            _ => "unknown",
        });
        if (severity.Vector is { } vector && CvssVector.TryParse(vector, out var parsed, out _))
        {
            w.WriteString("method", parsed.Version switch { CvssVersion.V40 => "CVSSv4", CvssVersion.V31 => "CVSSv31", _ => "CVSSv3" });
            w.WriteString("vector", vector);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>An SRI integrity (<c>sha512-base64</c>) as CycloneDX's algorithm name and hex digest.</summary>
    private static bool TryHash(string integrity, out string? algorithm, out string? hex)
    {
        algorithm = hex = null;
        int dash = integrity.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return false;
        }

        algorithm = integrity[..dash] switch { "sha512" => "SHA-512", "sha384" => "SHA-384", "sha256" => "SHA-256", "sha1" => "SHA-1", _ => null };
        var bytes = new byte[64];
        if (algorithm is null || !Convert.TryFromBase64String(integrity[(dash + 1)..].Split(' ')[0], bytes, out int written))
        {
            return false;
        }

        hex = Convert.ToHexStringLower(bytes.AsSpan(0, written));
        return true;
    }

    /// <summary>The same lockfile and findings always give the same serial number.</summary>
    private static Guid DeterministicGuid(AuditReport report, ReportContext context)
    {
        var text = new StringBuilder(context.LockfileUri).Append('\n').Append(context.Now.ToUnixTimeSeconds());
        foreach (var f in report.Findings)
        {
            text.Append('\n').Append(f.Advisory.Id).Append(' ').Append(f.Package);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x40);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
