using System.Diagnostics.CodeAnalysis;
using Vigil.Domain.Osv;

namespace Vigil.Advisories.Nswg.Conversion;

/// <summary>The outcome of converting one WG record to OSV: the record and warnings, or an error.</summary>
public sealed class NswgToOsvResult
{
    private NswgToOsvResult(OsvRecord? record, NswgConversionMessage? error, IReadOnlyList<NswgConversionMessage> warnings)
    {
        Record = record;
        Error = error;
        Warnings = warnings;
    }

    /// <summary>The OSV record, when the conversion succeeded.</summary>
    public OsvRecord? Record { get; }

    /// <summary>Why the record could not be converted, when it could not.</summary>
    public NswgConversionMessage? Error { get; }

    /// <summary>
    /// What the conversion could not express in OSV and kept only in <c>database_specific.nswg</c> (a range that
    /// does not parse, a CVSS vector that is not valid, a date that is not a date, ...). Empty for a clean record.
    /// </summary>
    public IReadOnlyList<NswgConversionMessage> Warnings { get; }

    /// <summary>True when <see cref="Record"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Record is not null;

    /// <summary>The record's id and warning count, or the error.</summary>
    public override string ToString() => Succeeded ? $"{Record.Id} ({Warnings.Count} warnings)" : Error.ToString();

    internal static NswgToOsvResult Success(OsvRecord record, IReadOnlyList<NswgConversionMessage> warnings) =>
        new(record, null, warnings);

    internal static NswgToOsvResult Failure(NswgConversionMessage error, IReadOnlyList<NswgConversionMessage> warnings) =>
        new(null, error, warnings);
}
