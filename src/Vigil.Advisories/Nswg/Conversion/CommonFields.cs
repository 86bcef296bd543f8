using Vigil.Domain.Osv;
using static Vigil.Advisories.Nswg.Rules.SchemaChecks;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The fields the three kinds share, with the warnings they give and what they keep when OSV cannot hold them.</summary>
internal static class CommonFields
{
    /// <summary><c>publish_date</c> as <c>published</c>; a date that is not a date is kept as written instead.</summary>
    public static OsvTimestamp? Published(string? date, StoredFieldsWriter stored, ConversionMessages messages)
    {
        var published = OsvFields.Midnight(date);
        if (date is not null && published is null)
        {
            messages.Warn("publish_date", $"{Show(date)} is not a real date written YYYY-MM-DD: it is kept, and the OSV record has no published time");
            stored.String("publish_date", date);
        }

        return published;
    }

    /// <summary>The CVE ids as <c>aliases</c>; the list is kept as written when an item is not a CVE id.</summary>
    public static IReadOnlyList<string>? Aliases(string field, NswgList<string>? cves, StoredFieldsWriter stored, ConversionMessages messages)
    {
        var aliases = OsvFields.Aliases(cves);
        if (Equals(OsvFields.Cves(aliases), cves))
        {
            return aliases;
        }

        for (var i = 0; i < cves!.Count; i++)
        {
            if (!Rules.ConsistencyRules.IsCveId(cves[i]))
            {
                messages.Warn($"{field}[{i}]", $"{Show(cves[i])} is not a CVE id: it is kept, but is not an OSV alias");
            }
        }

        stored.Strings(field, cves);
        return aliases;
    }

    /// <summary>A valid CVSS vector as <c>severity</c>; the caller keeps the WG text when it does not come back the same.</summary>
    public static IReadOnlyList<OsvSeverity>? Severity(string field, string? vector, ConversionMessages messages)
    {
        if (vector is not null && !Domain.Cvss.CvssVector.TryParse(vector, out _, out var error))
        {
            messages.Warn(field, $"{Show(vector)} is not a valid CVSS vector ({error}): it is kept, but the OSV record has no severity");
        }

        return OsvFields.Severity(vector);
    }
}
