using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>
/// The warnings of one conversion to OSV, and its end: before a record is returned, it is written as OSV JSON,
/// read back and rebuilt as a WG record, which must equal the original in every field (see <see cref="RecordContent"/>).
/// A conversion that would lose anything is an error rather than a silent loss.
/// </summary>
internal sealed class ConversionMessages(NswgKind kind, long fileNumber)
{
    private readonly List<NswgConversionMessage> _warnings = [];

    public string Source { get; } = NswgOsvIds.FileName(kind, fileNumber);

    public void Warn(string field, string message) => _warnings.Add(new NswgConversionMessage(Source, field, message));

    public NswgToOsvResult Fail(string field, string message) =>
        NswgToOsvResult.Failure(new NswgConversionMessage(Source, field, message), [.. _warnings]);

    public NswgToOsvResult Done(NswgRecord original, OsvRecord osv)
    {
        if (!OsvJson.TryRead(OsvJson.Write(osv, indented: false), osv.Id, out var stored, out var readError))
        {
            return Fail("(record)", $"cannot be stored as OSV JSON: {readError.Reason}");
        }

        var back = OsvToNswg.Convert(stored);
        if (!back.Succeeded)
        {
            return Fail("(record)", $"cannot be read back from OSV: {back.Error}");
        }

        var difference = RecordContent.FirstDifference(original, back.Record);
        return difference is null
            ? NswgToOsvResult.Success(osv, [.. _warnings])
            : Fail(difference, "would not come back the same from OSV (a bug in the conversion); the record is not converted");
    }
}
