namespace Vigil.Advisories.Nswg.Json;

/// <summary>Stops reading at a byte offset with a reason; caught by <see cref="NswgReader"/>, never thrown to callers.</summary>
internal sealed class RecordReadException : Exception
{
    public RecordReadException()
    {
    }

    public RecordReadException(string message)
        : base(message)
    {
    }

    public RecordReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecordReadException(long offset, string reason)
        : base(reason) => Offset = offset;

    /// <summary>Byte offset of the problem in the input (after any byte order mark).</summary>
    public long Offset { get; }
}
