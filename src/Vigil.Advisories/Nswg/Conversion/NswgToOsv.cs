using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// Converts WG records to OSV 1.7 records as ADR 0003 says: ids <c>NSWG-ECO-N</c>, <c>NSWG-COR-N</c>,
/// <c>NSWG-DEP-N</c> from the file number; npm ranges as npm audit reads them, core ranges as <c>vulnerable</c>
/// minus <c>patched</c> under the <c>Node.js</c> ecosystem; and every WG value OSV cannot give back exactly kept in
/// <c>database_specific.nswg</c>, so that <see cref="OsvToNswg"/> rebuilds the same record.
/// </summary>
/// <remarks>
/// <para>Each conversion checks itself: the OSV record is written as JSON, read back and rebuilt, and must give
/// the original record field for field, or the conversion fails instead of losing data.</para>
/// <para>A range that is missing, does not parse, or admits no version does not stop the conversion: the affected
/// entry then has neither <c>ranges</c> nor <c>versions</c> (so it matches no version, never every version) and
/// a warning names the field. Other warnings: a CVSS vector that is not valid (no OSV severity), a date that is
/// not a date (no <c>published</c>), a CVE item that is not a CVE id (not an alias).</para>
/// </remarks>
public static class NswgToOsv
{
    /// <summary>The OSV schema version the records follow.</summary>
    public const string SchemaVersion = "1.7.0";

    /// <summary>
    /// Converts an npm record; <c>modified</c> is its <c>updated_at</c> at midnight UTC. Fails when
    /// <c>module_name</c> is missing or empty, or <c>updated_at</c> is missing or not a date.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileNumber"/> is negative.</exception>
    public static NswgToOsvResult Convert(NswgNpmRecord record, long fileNumber)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentOutOfRangeException.ThrowIfNegative(fileNumber);
        return NpmToOsv.Convert(record, fileNumber);
    }

    /// <summary>
    /// Converts a core record. Core records carry no update date: <paramref name="modified"/> is the time the
    /// import first stored the record (or last changed its content), which the caller supplies.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="modified"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileNumber"/> is negative.</exception>
    public static NswgToOsvResult Convert(NswgCoreRecord record, long fileNumber, OsvTimestamp modified)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(modified);
        ArgumentOutOfRangeException.ThrowIfNegative(fileNumber);
        return CoreToOsv.Convert(record, fileNumber, modified);
    }

    /// <summary>Converts a deps record; like core records, it takes its <paramref name="modified"/> time from the caller.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="modified"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileNumber"/> is negative.</exception>
    public static NswgToOsvResult Convert(NswgDepsRecord record, long fileNumber, OsvTimestamp modified)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(modified);
        ArgumentOutOfRangeException.ThrowIfNegative(fileNumber);
        return DepsToOsv.Convert(record, fileNumber, modified);
    }

    /// <summary>
    /// Converts a record of any kind. <paramref name="modified"/> is used for core and deps records, which have no
    /// date of their own; npm records take theirs from <c>updated_at</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> or <paramref name="modified"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fileNumber"/> is negative.</exception>
    public static NswgToOsvResult Convert(NswgRecord record, long fileNumber, OsvTimestamp modified) => record switch
    {
        NswgNpmRecord npm => Convert(npm, fileNumber),
        NswgCoreRecord core => Convert(core, fileNumber, modified),
        NswgDepsRecord deps => Convert(deps, fileNumber, modified),
        null => throw new ArgumentNullException(nameof(record)),
        _ => throw new ArgumentException("Unknown record type.", nameof(record)),
    };
}
