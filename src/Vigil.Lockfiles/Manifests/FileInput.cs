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
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (stream.Length > maxBytes)
            {
                throw new LockfileParseException(new LockfileError(
                    displayName, 0, 0, LockfileErrorKind.TooLarge,
                    $"the file is {stream.Length:N0} bytes, over the {maxBytes:N0}-byte limit (LockfileLimits.{(maxBytes == LockfileLimits.MaxFileBytes ? nameof(LockfileLimits.MaxFileBytes) : nameof(LockfileLimits.MaxManifestBytes))})"));
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var kind = e is FileNotFoundException or DirectoryNotFoundException ? LockfileErrorKind.NotFound : LockfileErrorKind.Unreadable;
            throw new LockfileParseException(new LockfileError(displayName, 0, 0, kind, "cannot read the file: " + e.Message));
        }
    }
}
