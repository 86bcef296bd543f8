namespace Vigil.Domain.Osv.Serialization;

/// <summary>Internal signal from the reader: the input is not a valid OSV record. Never escapes <see cref="OsvJson"/>.</summary>
internal sealed class OsvParseFailure(long byteOffset, string path, string reason) : Exception(reason)
{
    /// <summary>The offset, in the reader's input, of the token at fault.</summary>
    public long ByteOffset { get; } = byteOffset;

    /// <summary>Where in the record.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong.</summary>
    public string Reason { get; } = reason;
}
