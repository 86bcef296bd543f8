using System.Diagnostics.CodeAnalysis;

namespace Vigil.Advisories.Nswg;

/// <summary>The outcome of reading one record file: a record, or an error.</summary>
public sealed class NswgReadResult
{
    private NswgReadResult(NswgRecord? record, NswgReadError? error)
    {
        Record = record;
        Error = error;
    }

    /// <summary>The record, when reading succeeded.</summary>
    public NswgRecord? Record { get; }

    /// <summary>Why reading failed, when it did.</summary>
    public NswgReadError? Error { get; }

    /// <summary>True when <see cref="Record"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Record is not null;

    /// <summary>A successful result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    public static NswgReadResult Success(NswgRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new NswgReadResult(record, null);
    }

    /// <summary>A failed result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static NswgReadResult Failure(NswgReadError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new NswgReadResult(null, error);
    }

    /// <summary>The record, or the error's text.</summary>
    public override string ToString() => Succeeded ? Record.ToString() : Error.ToString();
}
