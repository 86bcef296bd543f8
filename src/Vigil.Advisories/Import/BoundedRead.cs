namespace Vigil.Advisories.Import;

/// <summary>Reads files and streams whole, refusing to read more than a limit (a stranger's file may be huge).</summary>
internal static class BoundedRead
{
    /// <summary>The largest advisory file or archive entry read: 10 MiB (real records are a few KiB).</summary>
    public const int MaxDocumentBytes = 10 * 1024 * 1024;

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the stream holds more.</summary>
    public static byte[]? Read(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a file, or explains why it cannot be read.</summary>
    public static byte[]? File(string path, out string? error)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            byte[]? bytes = stream.Length > MaxDocumentBytes ? null : Read(stream, MaxDocumentBytes);
            error = bytes is null ? $"the file is larger than {MaxDocumentBytes / (1024 * 1024)} MiB" : null;
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            error = "cannot read the file: " + e.Message;
            return null;
        }
    }
}
