namespace Vigil.Signing.Registry;

/// <summary>
/// A response's body as a read-only stream that owns the response and its time-out: reading past the size cap, after
/// the time-out or over a broken connection fails with an <see cref="IOException"/> that names the URL, so readers
/// (the tarball check) treat all three as a source that failed, never as the caller's cancellation.
/// </summary>
internal sealed class ResponseBodyStream(Stream body, HttpResponseMessage response, CancellationTokenSource limit, long maxBytes, string url, TimeSpan timeout)
    : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Took(body.Read(buffer));
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return Took(await body.ReadAsync(buffer, both.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
            response.Dispose();
            limit.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Took(int read)
    {
        _read += read;
        return _read > maxBytes ? throw new IOException($"{url} is larger than {RegistryHttp.Size(maxBytes)}; not read further") : read;
    }

    private IOException TimedOut() => new($"{url} did not finish within {timeout.TotalSeconds:0} s");
}
