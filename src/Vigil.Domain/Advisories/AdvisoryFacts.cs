using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Advisories;

/// <summary>What reports show of an advisory, computed once from its OSV record (and kept beside it in the database).</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Aliases">Its aliases (CVE, GHSA, ...).</param>
/// <param name="Summary">Its summary, or the first line of its details.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Url">Where to read it: its ADVISORY reference, else its first reference; null when it has none.</param>
/// <param name="Cwes">The weaknesses it names (<c>CWE-1321</c>), when the source says (GitHub's <c>cwe_ids</c>).</param>
public sealed record AdvisoryFacts(string Id, IReadOnlyList<string> Aliases, string? Summary, AdvisorySeverity Severity, string? Url, IReadOnlyList<string> Cwes)
{
    /// <summary>The facts of a record.</summary>
    public static AdvisoryFacts Of(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var references = record.References ?? [];
        string? url = references.FirstOrDefault(r => r.Type.Value == OsvReferenceType.Advisory)?.Url ?? (references.Count > 0 ? references[0].Url : null);
        List<string> cwes = record.DatabaseSpecific is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("cwe_ids", out var ids) && ids.ValueKind == JsonValueKind.Array
            ? [.. ids.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
        return new AdvisoryFacts(record.Id, record.Aliases ?? [], Headline(record), AdvisorySeverity.Of(record), url, cwes);
    }

    /// <summary>The summary, or the first line of the details when there is no summary.</summary>
    public static string? Headline(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Summary ?? record.Details?.Trim().Split('\n', 2)[0].Trim();
    }
}
