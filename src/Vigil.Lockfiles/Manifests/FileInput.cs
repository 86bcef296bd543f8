using System.Buffers;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Manifests;

/// <summary>Reads a file whole, refusing one over a size limit before reading any of it.</summary>
internal static class FileInput
{
    /// <exception cref="LockfileParseException">The file is over the limit or cannot be read.</exception>
    public static byte[] ReadAllBytes(string path, string displayName, long maxBytes)
    {
        try
        {
            using var stream = Open(path, displayName, maxBytes);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(displayName, e);
        }
    }

    /// <summary>
    /// Reads a file whole, like <see cref="ReadAllBytes"/>, into the first <c>Length</c> bytes of an array from
    /// <see cref="ArrayPool{T}.Shared"/>, which the caller gives back: for a lockfile, read once and let go.
    /// </summary>
    /// <exception cref="LockfileParseException">The file is over the limit or cannot be read.</exception>
    public static (byte[] Rented, int Length) Rent(string path, string displayName, long maxBytes)
    {
        try
        {
            using var stream = Open(path, displayName, maxBytes);
            var length = (int)stream.Length;
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                stream.ReadExactly(rented, 0, length);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(rented);
                throw;
            }

            return (rented, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(displayName, e);
        }
    }

    private static FileStream Open(string path, string displayName, long maxBytes)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length > maxBytes)
        {
            var length = stream.Length;
            stream.Dispose();
            throw new LockfileParseException(new LockfileError(
                displayName, 0, 0, LockfileErrorKind.TooLarge,
                $"the file is {length:N0} bytes, over the {maxBytes:N0}-byte limit (LockfileLimits.{(maxBytes == LockfileLimits.MaxFileBytes ? nameof(LockfileLimits.MaxFileBytes) : nameof(LockfileLimits.MaxManifestBytes))})"));
        }

        return stream;
    }

    private static LockfileParseException Unreadable(string displayName, Exception e)
    {
        var kind = e is FileNotFoundException or DirectoryNotFoundException ? LockfileErrorKind.NotFound : LockfileErrorKind.Unreadable;
        return new LockfileParseException(new LockfileError(displayName, 0, 0, kind, "cannot read the file: " + e.Message));
    }
}
