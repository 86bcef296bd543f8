using System.Globalization;
using Vigil.Advisories.Nswg.Rules;
using Vigil.Domain.Cvss;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The WG fields that have an OSV place, both ways. Each pair is exact for the values it accepts; the converters
/// keep the WG value in <c>database_specific.nswg</c> whenever the way back would not give it exactly.
/// </summary>
internal static class OsvFields
{
    /// <summary>A WG date (<c>YYYY-MM-DD</c>, a real calendar date) as midnight UTC; null for anything else.</summary>
    public static OsvTimestamp? Midnight(string? date) =>
        date is not null && SchemaChecks.IsDatePattern(date)
        && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? new OsvTimestamp(date + "T00:00:00Z")
            : null;

    /// <summary>The UTC date of a timestamp, <c>YYYY-MM-DD</c>; null when there is none or it is not RFC 3339.</summary>
    public static string? DateOf(OsvTimestamp? timestamp) =>
        timestamp?.Value?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The CVE ids of a WG list, in order; items that are not CVE ids are not aliases.</summary>
    public static IReadOnlyList<string>? Aliases(NswgList<string>? cves) =>
        cves is null ? null : [.. cves.Where(ConsistencyRules.IsCveId)];

    public static NswgList<string>? Cves(IReadOnlyList<string>? aliases) => aliases is null ? null : NswgList.From(aliases);

    /// <summary>A valid CVSS v3.x or v4.0 vector as a severity entry; null for anything else.</summary>
    public static IReadOnlyList<OsvSeverity>? Severity(string? vector) =>
        CvssVector.TryParse(vector, out var parsed, out _)
            ? [new OsvSeverity { Type = parsed.Version == CvssVersion.V40 ? OsvSeverityType.CvssV4 : OsvSeverityType.CvssV3, Score = parsed.Text }]
            : null;

    /// <summary>The vector of the first CVSS v3 or v4 severity entry.</summary>
    public static string? Vector(IReadOnlyList<OsvSeverity>? severity) =>
        severity?.FirstOrDefault(s => s.Type.Value is OsvSeverityType.CvssV3 or OsvSeverityType.CvssV4)?.Score;

    public static IReadOnlyList<OsvReference>? References(IReadOnlyList<string>? urls) =>
        urls is null ? null : [.. urls.Select(url => new OsvReference { Type = ReferenceTypes.Of(url), Url = url })];

    public static NswgList<string>? Urls(IReadOnlyList<OsvReference>? references) =>
        references is null ? null : NswgList.From(references.Select(r => r.Url));

    /// <summary>A credit, with the contact URL when it is a web address.</summary>
    public static OsvCredit Credit(string name, OsvCreditType type, string? website = null) => new()
    {
        Name = name,
        Type = type,
        Contact = website is not null && Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? [website]
            : null,
    };

    /// <summary>The name of the first credit of a type.</summary>
    public static string? CreditName(IReadOnlyList<OsvCredit>? credits, OsvCreditType type) =>
        credits?.FirstOrDefault(c => c.Type is { } t && t.Value == type)?.Name;
}
