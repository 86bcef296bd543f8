namespace Vigil.Signing.Tarballs;

/// <summary>Raised inside the inspector when the tarball breaks a rule; caught there and turned into a reason.</summary>
internal sealed class TarballRejectedException(string reason) : Exception(reason);

/// <summary>Raised inside the inspector when reading the source failed (a dropped download, a read error).</summary>
internal sealed class TarballSourceException(string reason, Exception inner) : Exception(reason, inner);
