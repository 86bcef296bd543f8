using System.Buffers;
using System.Text.Json;
using Vigil.Domain.Advisories;

namespace Vigil.Web.Features.NpmAudit;

/// <summary>The two answers: the bulk advisory map (npm 7+, yarn 4) and npm 6's audit report (yarn classic, pnpm).</summary>
internal static class AuditResponses
{
    private static readonly string[] Levels = ["info", "low", "moderate", "high", "critical"];

    /// <summary>
    /// <c>{name: [{id, url, title, severity, vulnerable_versions, cwe, cvss: {score, vectorString}}]}</c>: the
    /// advisories affecting any asked version, by package. The client tests each version against
    /// <c>vulnerable_versions</c> itself.
    /// </summary>
    public static byte[] Bulk(IReadOnlyList<PackageAdvisory> matches, string baseUrl)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var byName in matches.GroupBy(m => m.Name, StringComparer.Ordinal))
            {
                json.WriteStartArray(byName.Key);
                foreach (var match in byName)
                {
                    var facts = match.Facts;
                    json.WriteStartObject();
                    json.WriteString("id", facts.Id);
                    json.WriteString("url", Url(facts, baseUrl));
                    json.WriteString("title", facts.Summary ?? facts.Id);
                    json.WriteString("severity", Severity(facts));
                    json.WriteString("vulnerable_versions", match.Entry.RangeText);
                    json.WriteStartArray("cwe");
                    foreach (string cwe in facts.Cwes)
                    {
                        json.WriteStringValue(cwe);
                    }

                    json.WriteEndArray();
                    WriteCvss(json, facts.Severity);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// npm 6's report: <c>advisories</c> by id (each with its <c>findings</c>: versions and the paths that reach them),
    /// one <c>review</c> action per advisory and package whose <c>resolves</c> name every path (yarn classic prints
    /// an advisory per resolve), <c>muted</c>, and <c>metadata</c> with the counts (vulnerabilities count paths, as
    /// npm 6 counted them).
    /// </summary>
    public static byte[] Legacy(IReadOnlyList<AuditNode> nodes, IReadOnlyList<PackageAdvisory> matches, string baseUrl)
    {
        var byPlace = nodes.ToLookup(n => (n.Name, n.Version));
        var idCount = matches.GroupBy(m => m.Facts.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string level in Levels)
        {
            counts[level] = 0;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("actions");
            foreach (var match in matches)
            {
                string key = Key(match, idCount);
                json.WriteStartObject();
                json.WriteString("action", "review");
                json.WriteString("module", match.Name);
                json.WriteStartArray("resolves");
                foreach (string version in match.Versions)
                {
                    foreach (var node in byPlace[(match.Name, version)])
                    {
                        json.WriteStartObject();
                        json.WriteString("id", key);
                        json.WriteString("path", node.Path);
                        json.WriteBoolean("dev", node.Dev);
                        json.WriteBoolean("optional", node.Optional);
                        json.WriteBoolean("bundled", node.Bundled);
                        json.WriteEndObject();
                        counts[Severity(match.Facts)]++;
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("advisories");
            foreach (var match in matches)
            {
                WriteLegacyAdvisory(json, match, Key(match, idCount), byPlace, baseUrl);
            }

            json.WriteEndObject();
            json.WriteStartArray("muted");
            json.WriteEndArray();
            json.WriteStartObject("metadata");
            json.WriteStartObject("vulnerabilities");
            foreach (string level in Levels)
            {
                json.WriteNumber(level, counts[level]);
            }

            json.WriteEndObject();
            json.WriteNumber("dependencies", nodes.Count(n => !n.Dev));
            json.WriteNumber("devDependencies", nodes.Count(n => n.Dev));
            json.WriteNumber("optionalDependencies", nodes.Count(n => n.Optional));
            json.WriteNumber("totalDependencies", nodes.Count);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteLegacyAdvisory(Utf8JsonWriter json, PackageAdvisory match, string key, ILookup<(string, string), AuditNode> byPlace, string baseUrl)
    {
        var facts = match.Facts;
        string patched = match.Fix is { } fix ? ">=" + fix : "<0.0.0";
        json.WriteStartObject(key);
        json.WriteStartArray("findings");
        foreach (string version in match.Versions)
        {
            var places = byPlace[(match.Name, version)].ToList();
            json.WriteStartObject();
            json.WriteString("version", version);
            json.WriteStartArray("paths");
            foreach (var place in places)
            {
                json.WriteStringValue(place.Path);
            }

            json.WriteEndArray();
            json.WriteBoolean("dev", places.Count > 0 && places.All(p => p.Dev));
            json.WriteBoolean("optional", places.Count > 0 && places.All(p => p.Optional));
            json.WriteBoolean("bundled", places.Count > 0 && places.All(p => p.Bundled));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("id", key);
        json.WriteString("title", facts.Summary ?? facts.Id);
        json.WriteString("module_name", match.Name);
        json.WriteStartArray("cves");
        foreach (string alias in facts.Aliases.Where(a => a.StartsWith("CVE-", StringComparison.Ordinal)))
        {
            json.WriteStringValue(alias);
        }

        json.WriteEndArray();
        if (facts.Aliases.FirstOrDefault(a => a.StartsWith("GHSA-", StringComparison.Ordinal)) is { } ghsa)
        {
            json.WriteString("github_advisory_id", ghsa);
        }
        else if (facts.Id.StartsWith("GHSA-", StringComparison.Ordinal))
        {
            json.WriteString("github_advisory_id", facts.Id);
        }

        json.WriteString("vulnerable_versions", match.Entry.RangeText);
        json.WriteString("patched_versions", patched);
        json.WriteString("severity", Severity(facts));
        json.WriteString("cwe", string.Join(", ", facts.Cwes));
        WriteCvss(json, facts.Severity);
        json.WriteString("url", Url(facts, baseUrl));
        json.WriteString("overview", facts.Summary ?? facts.Id);
        json.WriteString("recommendation", match.Fix is { } at ? $"Upgrade to version {at} or later" : "None");
        json.WriteString("references", Url(facts, baseUrl));
        json.WriteString("access", "public");
        json.WriteNull("deleted");
        json.WriteEndObject();
    }

    /// <summary>
    /// An advisory's key in npm 6's report: its id, or <c>id:package</c> when it affects two packages of one tree
    /// (npm 6's advisories named one package each).
    /// </summary>
    private static string Key(PackageAdvisory match, Dictionary<string, int> idCount) =>
        idCount[match.Facts.Id] > 1 ? match.Facts.Id + ":" + match.Name : match.Facts.Id;

    private static void WriteCvss(Utf8JsonWriter json, AdvisorySeverity severity)
    {
        json.WriteStartObject("cvss");
        json.WriteNumber("score", severity.Score ?? 0m);
        if (severity.Vector is { } vector)
        {
            json.WriteString("vectorString", vector);
        }
        else
        {
            json.WriteNull("vectorString");
        }

        json.WriteEndObject();
    }

    /// <summary>npm's word for the severity; an advisory of unknown severity counts as moderate, as the auditor ranks it.</summary>
    private static string Severity(AdvisoryFacts facts) => facts.Severity.Rank.ToString().ToLowerInvariant();

    private static string Url(AdvisoryFacts facts, string baseUrl) =>
        facts.Url ?? $"{baseUrl}/advisories/{Uri.EscapeDataString(facts.Id)}";
}
