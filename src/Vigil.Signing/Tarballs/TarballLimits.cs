namespace Vigil.Signing.Tarballs;

/// <summary>
/// The limits a package tarball is inspected within. Every one is checked while the stream is read, so a hostile
/// tarball is rejected as soon as it crosses one, never after it was read whole. Chosen with margin above what real
/// npm packages need (the largest have a few hundred megabytes unpacked and tens of thousands of files).
/// </summary>
public static class TarballLimits
{
    /// <summary>The compressed tarball (the <c>.tgz</c> as downloaded): 256 MiB.</summary>
    public const long MaxCompressedBytes = 256L * 1024 * 1024;

    /// <summary>The uncompressed tar stream (headers, contents and padding): 1 GiB.</summary>
    public const long MaxUncompressedBytes = 1024L * 1024 * 1024;

    /// <summary>
    /// Uncompressed bytes per compressed byte, checked continuously once <see cref="RatioCheckAfterBytes"/> were
    /// decompressed: 200 (JavaScript compresses about 1:5; deflate cannot exceed about 1:1032, a bomb's ratio).
    /// </summary>
    public const int MaxCompressionRatio = 200;

    /// <summary>The ratio is judged only past this many uncompressed bytes (16 MiB), so small tarballs never trip it.</summary>
    public const long RatioCheckAfterBytes = 16L * 1024 * 1024;

    /// <summary>Tar entries of any kind (files, folders, extended headers): 200,000.</summary>
    public const int MaxEntries = 200_000;

    /// <summary>An entry's path in bytes of UTF-8 (the whole path, the package folder included): 1,024.</summary>
    public const int MaxPathLength = 1024;

    /// <summary>Folders below the package folder an entry's path may have: 128.</summary>
    public const int MaxPathDepth = 128;

    /// <summary>One pax extended header's or GNU long name's data: 64 KiB.</summary>
    public const int MaxExtendedHeaderBytes = 64 * 1024;
}
