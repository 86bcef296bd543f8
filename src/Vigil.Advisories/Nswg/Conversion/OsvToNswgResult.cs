using System.Diagnostics.CodeAnalysis;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The outcome of rebuilding a WG record from an OSV record: the WG record, or an error.</summary>
public sealed class OsvToNswgResult
{
    private OsvToNswgResult(NswgRecord? record, NswgConversionMessage? error)
    {
        Record = record;
        Error = error;
    }

    /// <summary>The WG record, when the OSV record came from the WG and could be read back.</summary>
    public NswgRecord? Record { get; }

    /// <summary>Why no WG record could be rebuilt, when none could.</summary>
    public NswgConversionMessage? Error { get; }

    /// <summary>True when <see cref="Record"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Record is not null;

    /// <summary>The record's kind, or the error.</summary>
    public override string ToString() => Succeeded ? $"{Record.Kind} record" : Error.ToString();

    internal static OsvToNswgResult Success(NswgRecord record) => new(record, null);

    internal static OsvToNswgResult Failure(NswgConversionMessage error) => new(null, error);
}
