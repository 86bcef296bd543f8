using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// Rebuilds the WG record an OSV record was converted from (<see cref="NswgToOsv"/>): the record whose
/// <c>database_specific.nswg.kind</c> is <c>npm</c>, <c>core</c> or <c>deps</c> and whose id is the matching
/// <c>NSWG-</c> id. Values come from the OSV fields and from what <c>database_specific.nswg</c> kept; the keys are
/// in the WG's usual order (<see cref="NswgKeyOrder"/>), the layout is the WG's usual one for the kind, so
/// <see cref="NswgWriter"/> writes the record as the WG would.
/// </summary>
public static class OsvToNswg
{
    /// <summary>Whether the OSV record says it came from the WG (<c>database_specific.nswg.kind</c> is a WG kind).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static bool IsFromWg(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return StoredFields.Find(record.DatabaseSpecific) is not null;
    }

    /// <summary>The WG record, or an error naming the OSV property that is not as the conversion wrote it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static OsvToNswgResult Convert(OsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = StoredFields.Find(record.DatabaseSpecific);
        if (stored is null)
        {
            return Fail(record, "database_specific.nswg.kind", "is missing or not npm, core or deps: the record did not come from the WG");
        }

        if (!NswgOsvIds.TryParse(record.Id, out var kind, out var fileNumber) || kind != stored.Kind)
        {
            return Fail(record, "id", $"is not an id of a WG {StoredFields.KindName(stored.Kind)} record ({NswgOsvIds.Prefix(stored.Kind)}N)");
        }

        try
        {
            NswgRecord rebuilt = kind switch
            {
                NswgKind.Npm => OsvToNpm.Rebuild(record, stored, fileNumber),
                NswgKind.Core => OsvToCore.Rebuild(record, stored),
                _ => OsvToDeps.Rebuild(record, stored),
            };
            return OsvToNswgResult.Success(rebuilt);
        }
        catch (StoredFieldException e)
        {
            return Fail(record, e.Field, e.Message);
        }
    }

    private static OsvToNswgResult Fail(OsvRecord record, string field, string message) =>
        OsvToNswgResult.Failure(new NswgConversionMessage(record.Id, field, message));
}
