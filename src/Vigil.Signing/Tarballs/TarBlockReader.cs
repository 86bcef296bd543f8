namespace Vigil.Signing.Tarballs;

/// <summary>
/// Reads the uncompressed tar stream in 512-byte blocks through one fixed buffer, counting what was decompressed and
/// enforcing <see cref="TarballLimits.MaxUncompressedBytes"/> and <see cref="TarballLimits.MaxCompressionRatio"/>
/// after every read, so a bomb is stopped a few kilobytes of input after it crosses a limit.
/// </summary>
internal sealed class TarBlockReader(Stream tar, HashingReadStream compressed)
{
    public const int BlockSize = 512;

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>Uncompressed bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next block, or an empty memory at the end of the stream (on a block boundary).</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadBlockAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(BlockSize, cancellationToken).ConfigureAwait(false))
        {
            if (_end - _start == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            throw new TarballRejectedException("the tar stream ends in the middle of a header block (truncated)");
        }

        var block = _buffer.AsMemory(_start, BlockSize);
        _start += BlockSize;
        return block;
    }

    /// <summary>Copies the next <paramref name="count"/> bytes into <paramref name="destination"/>, then skips to the block boundary.</summary>
    public async ValueTask ReadPaddedAsync(byte[] destination, int count, string what, CancellationToken cancellationToken)
    {
        int copied = 0;
        while (copied < count)
        {
            if (!await FillAsync(1, cancellationToken).ConfigureAwait(false))
            {
                throw new TarballRejectedException($"the tar stream ends inside {what} (truncated)");
            }

            int take = Math.Min(count - copied, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(destination.AsSpan(copied));
            _start += take;
            copied += take;
        }

        await SkipAsync(Padding(count), what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Skips an entry's <paramref name="size"/> bytes of content and its padding, without keeping them.</summary>
    public ValueTask SkipContentAsync(long size, CancellationToken cancellationToken) =>
        SkipAsync(size + Padding(size), "the entry's content", cancellationToken);

    /// <summary>Reads to the end of the stream; every byte must be zero (the end-of-archive blocks and record padding).</summary>
    public async ValueTask<bool> RestIsZeroAsync(CancellationToken cancellationToken)
    {
        while (await FillAsync(1, cancellationToken).ConfigureAwait(false))
        {
            if (_buffer.AsSpan(_start, _end - _start).ContainsAnyExcept((byte)0))
            {
                return false;
            }

            _start = _end;
        }

        return true;
    }

    private static long Padding(long size) => (BlockSize - (size % BlockSize)) % BlockSize;

    private async ValueTask SkipAsync(long count, string what, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            if (!await FillAsync(1, cancellationToken).ConfigureAwait(false))
            {
                throw new TarballRejectedException($"the tar stream ends inside {what} (truncated)");
            }

            int take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    /// <summary>Makes at least <paramref name="wanted"/> bytes available; false when the stream ends before.</summary>
    private async ValueTask<bool> FillAsync(int wanted, CancellationToken cancellationToken)
    {
        while (_end - _start < wanted)
        {
            if (_ended)
            {
                return false;
            }

            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            int read;
            try
            {
                read = await tar.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw new TarballRejectedException("the gzip stream is malformed: " + e.Message);
            }

            if (read == 0)
            {
                _ended = true;
                return _end - _start >= wanted;
            }

            _end += read;
            BytesRead += read;
            CheckLimits();
        }

        return true;
    }

    private void CheckLimits()
    {
        if (BytesRead > TarballLimits.MaxUncompressedBytes)
        {
            throw new TarballRejectedException($"the tarball unpacks to more than {TarballLimits.MaxUncompressedBytes / (1024 * 1024)} MiB");
        }

        if (BytesRead > TarballLimits.RatioCheckAfterBytes
            && BytesRead > (long)TarballLimits.MaxCompressionRatio * Math.Max(1, compressed.BytesRead))
        {
            throw new TarballRejectedException(
                $"the tarball unpacks to more than {TarballLimits.MaxCompressionRatio} times its compressed size " +
                $"({BytesRead:N0} bytes from {compressed.BytesRead:N0}): a compression bomb");
        }
    }
}
