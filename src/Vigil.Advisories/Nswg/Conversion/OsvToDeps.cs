using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The deps record an OSV record came from (the way back of <see cref="DepsToOsv"/>).</summary>
internal static class OsvToDeps
{
    public static NswgDepsRecord Rebuild(OsvRecord osv, StoredFields s)
    {
        var record = new NswgDepsRecord
        {
            Cve = s.Has("cve") ? s.Strings("cve") : OsvFields.Cves(osv.Aliases),
            Description = osv.Summary,
            Overview = osv.Details,
            Ref = osv.References is { Count: > 0 } references ? references[0].Url : null,
            Reason = s.String("reason"),
            Extra = s.Extra(),
        };
        return record with { KeyOrder = RecordContent.UsualKeyOrder(record) };
    }
}
