using System.Globalization;
using System.Text.Json;
using Vigil.Domain.Cvss;
using Vigil.Domain.Osv;

namespace Vigil.Domain.Advisories;

/// <summary>An advisory's severity: the level, and the CVSS score and vector it came from when it came from one.</summary>
/// <param name="Level">The level.</param>
/// <param name="Score">The CVSS score, when known.</param>
/// <param name="Vector">The CVSS vector, when the level was computed from one.</param>
public sealed record AdvisorySeverity(SeverityLevel Level, decimal? Score, string? Vector)
{
    /// <summary>npm's word for the level: <c>info</c>, <c>low</c>, <c>moderate</c>, <c>high</c>, <c>critical</c> (or <c>unknown</c>).</summary>
    public string Name => Level.ToString().ToLowerInvariant();

    /// <summary>The level that counts for thresholds: unknown ranks as moderate.</summary>
    public SeverityLevel Rank => Level == SeverityLevel.Unknown ? SeverityLevel.Moderate : Level;

    /// <summary>
    /// The severity of <paramref name="record"/>: computed from its CVSS vector (the newest CVSS version given),
    /// else the source's own rating (the WG's word for core records, GitHub's <c>database_specific.severity</c>),
    /// else a CVSS score the source wrote down, else unknown.
    /// </summary>
    public static AdvisorySeverity Of(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var vectors = (record.Severity ?? [])
            .Select(s => CvssVector.TryParse(s.Score, out var v, out _) ? v : null)
            .OfType<CvssVector>()
            .OrderByDescending(v => v.Version)
            .ToList();
        if (vectors.Count > 0)
        {
            var score = vectors[0].Scores.Score;
            return new AdvisorySeverity(FromScore(score), score, vectors[0].Text);
        }

        var specific = record.DatabaseSpecific is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        var nswg = specific is { } s && s.TryGetProperty("nswg", out var n) && n.ValueKind == JsonValueKind.Object ? n : (JsonElement?)null;
        if ((Word(nswg, "severity") ?? Word(specific, "severity")) is { } word && FromWord(word) is { } level)
        {
            return new AdvisorySeverity(level, null, null);
        }

        if (nswg is { } wg && wg.TryGetProperty("cvss_score", out var written) && written.ValueKind == JsonValueKind.Number &&
            written.TryGetDecimal(out decimal value) && value is >= 0 and <= 10)
        {
            return new AdvisorySeverity(FromScore(value), value, null);
        }

        return new AdvisorySeverity(SeverityLevel.Unknown, null, null);
    }

    /// <summary>The level of a CVSS score, with npm's names.</summary>
    public static SeverityLevel FromScore(decimal score) => score switch
    {
        >= 9.0m => SeverityLevel.Critical,
        >= 7.0m => SeverityLevel.High,
        >= 4.0m => SeverityLevel.Moderate,
        > 0m => SeverityLevel.Low,
        _ => SeverityLevel.Info,
    };

    /// <summary>A level from a word: npm's, CVSS's (<c>medium</c>) or GitHub's (<c>MODERATE</c>), in any case.</summary>
    public static SeverityLevel? FromWord(string word) => word.Trim().ToLowerInvariant() switch
    {
        "critical" => SeverityLevel.Critical,
        "high" => SeverityLevel.High,
        "moderate" or "medium" => SeverityLevel.Moderate,
        "low" => SeverityLevel.Low,
        "info" or "none" => SeverityLevel.Info,
        _ => null,
    };

    private static string? Word(JsonElement? element, string name) =>
        element is { } e && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>9.8 critical</c>, or just the level.</summary>
    public override string ToString() =>
        Score is { } score ? $"{score.ToString("0.0", CultureInfo.InvariantCulture)} {Name}" : Name;
}
