using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// A deps record (<c>deps/N.json</c>: a CVE in a bundled dependency that does not affect Node.js) as an OSV record
/// with no <c>affected</c> entries, so that it matches nothing; its OpenVEX justification stays in
/// <c>database_specific.nswg.reason</c>. <see cref="OsvToDeps"/> is the way back.
/// </summary>
internal static class DepsToOsv
{
    public static NswgToOsvResult Convert(NswgDepsRecord r, long fileNumber, OsvTimestamp modified)
    {
        var messages = new ConversionMessages(NswgKind.Deps, fileNumber);
        using var stored = new StoredFieldsWriter(NswgKind.Deps);
        var aliases = CommonFields.Aliases("cve", r.Cve, stored, messages);
        stored.String("reason", r.Reason);
        stored.Extra(r.Extra);
        var osv = new OsvRecord
        {
            SchemaVersion = NswgToOsv.SchemaVersion,
            Id = NswgOsvIds.Format(NswgKind.Deps, fileNumber),
            Modified = modified,
            Aliases = aliases,
            Summary = r.Description,
            Details = r.Overview,
            References = OsvFields.References(r.Ref is null ? null : [r.Ref]),
            DatabaseSpecific = stored.Finish(),
        };
        return messages.Done(r, osv);
    }
}
