using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Import;

/// <summary>
/// The source names the database keeps with each advisory. A record keeps its source however it travels: a WG
/// record read from the WG's folders, exported as OSV, served by a Vigil server or synced is <c>nswg-npm</c> (or
/// <c>-core</c>, <c>-deps</c>) every time, so that only a different advisory under the same id is a conflict.
/// </summary>
public static class AdvisorySources
{
    /// <summary>An OSV record from anywhere else (osv.dev, a Vigil server's own publications, a file).</summary>
    public const string Osv = "osv";

    /// <summary>The source of an OSV record, read from the record: the WG's kind when it was converted from a WG record, else <see cref="Osv"/>.</summary>
    public static string Of(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StoredFields.Find(record.DatabaseSpecific) is { } stored ? "nswg-" + StoredFields.KindName(stored.Kind) : Osv;
    }
}
