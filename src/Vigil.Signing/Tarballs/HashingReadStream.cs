using System.Security.Cryptography;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// Reads the compressed tarball for the gzip decoder: hashes every byte with the integrity's algorithm, counts them
/// and stops at <see cref="TarballLimits.MaxCompressedBytes"/>. Errors of the source become
/// <see cref="TarballSourceException"/> so they are told apart from a malformed tarball.
/// </summary>
internal sealed class HashingReadStream(Stream source, IncrementalHash hasher) : Stream
{
    /// <summary>Compressed bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = source.Read(buffer);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TarballSourceException("reading the tarball failed: " + e.Message, e);
        }

        return Took(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TarballSourceException("reading the tarball failed: " + e.Message, e);
        }

        return Took(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Took(ReadOnlySpan<byte> bytes)
    {
        BytesRead += bytes.Length;
        if (BytesRead > TarballLimits.MaxCompressedBytes)
        {
            throw new TarballRejectedException($"the compressed tarball is larger than {TarballLimits.MaxCompressedBytes / (1024 * 1024)} MiB");
        }

        hasher.AppendData(bytes);
        return bytes.Length;
    }
}
