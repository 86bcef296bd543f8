using System.Text.Json;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The core record an OSV record came from (the way back of <see cref="CoreToOsv"/>).</summary>
internal static class OsvToCore
{
    public static NswgCoreRecord Rebuild(OsvRecord osv, StoredFields s)
    {
        var record = new NswgCoreRecord
        {
            Cve = s.Has("cve") ? s.Strings("cve") : OsvFields.Cves(osv.Aliases),
            Vulnerable = s.String("vulnerable"),
            Patched = s.String("patched"),
            Ref = osv.References is { Count: > 0 } references ? references[0].Url : null,
            Description = osv.Summary,
            Overview = osv.Details,
            Author = s.Has("author") ? s.String("author") : OsvFields.CreditName(osv.Credits, OsvCreditType.Finder),
            ReportedBy = s.Has("reported_by") ? s.String("reported_by") : OsvFields.CreditName(osv.Credits, OsvCreditType.Reporter),
            PublishDate = s.Has("publish_date") ? s.String("publish_date") : OsvFields.DateOf(osv.Published),
            Type = s.String("type"),
            Cvss = s.Has("cvss") ? s.String("cvss") : OsvFields.Vector(osv.Severity),
            CvssScore = s.Number("cvss_score"),
            AffectedEnvironments = Platforms(osv),
            Severity = s.String("severity"),
            Extra = s.Extra(),
        };
        return record with { KeyOrder = RecordContent.UsualKeyOrder(record) };
    }

    /// <summary><c>affectedEnvironments</c>: the platforms of the Node.js entry, when it lists any.</summary>
    private static NswgList<string>? Platforms(OsvRecord osv)
    {
        var entry = osv.Affected?.FirstOrDefault(a => a.Package?.Ecosystem == CoreToOsv.Ecosystem);
        if (entry?.EcosystemSpecific is not { ValueKind: JsonValueKind.Object } specific
            || !specific.TryGetProperty(CoreToOsv.Platforms, out var platforms))
        {
            return null;
        }

        const string Field = "affected[0].ecosystem_specific.platforms";
        return platforms.ValueKind == JsonValueKind.Array
            ? NswgList.From(platforms.EnumerateArray().Select(p =>
                p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new StoredFieldException(Field, "must hold strings")))
            : throw new StoredFieldException(Field, "must be an array");
    }
}
