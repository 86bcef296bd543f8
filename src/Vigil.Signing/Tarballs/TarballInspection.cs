namespace Vigil.Signing.Tarballs;

/// <summary>How an inspection ended.</summary>
public enum TarballInspectionStatus
{
    /// <summary>Read to the end within every rule; <see cref="TarballInspection.Digest"/> is the compressed bytes' hash.</summary>
    Complete,

    /// <summary>The tarball breaks a rule (unsafe entry, limit, malformed header or gzip); reading stopped there.</summary>
    Rejected,

    /// <summary>The source failed while being read (a dropped download): nothing is known about the tarball.</summary>
    SourceFailed,
}

/// <summary>What <see cref="TarballInspector"/> found in one tarball.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Problem">Why it was rejected or could not be read, naming the entry; null when complete.</param>
/// <param name="Digest">The hash of every compressed byte with the integrity's algorithm, when complete.</param>
/// <param name="CompressedBytes">Compressed bytes read.</param>
/// <param name="UncompressedBytes">Uncompressed bytes read.</param>
/// <param name="Entries">Tar entries read (extended headers included).</param>
/// <param name="Files">Regular files among them.</param>
/// <param name="Root">The package folder every entry is in (<c>package</c>, or the name older tools used), once seen.</param>
public sealed record TarballInspection(
    TarballInspectionStatus Status,
    string? Problem,
    byte[]? Digest,
    long CompressedBytes,
    long UncompressedBytes,
    int Entries,
    int Files,
    string? Root);
