namespace Vigil.Lockfiles;

/// <summary>Why a lockfile could not be read.</summary>
public enum LockfileErrorKind
{
    /// <summary>The file or folder does not exist, or no lockfile was found in the folder.</summary>
    NotFound,

    /// <summary>The file could not be read (permissions, I/O error).</summary>
    Unreadable,

    /// <summary>The file is larger than <see cref="LockfileLimits.MaxFileBytes"/> (or a limit on entries was passed).</summary>
    TooLarge,

    /// <summary>The file is not UTF-8 text: an invalid byte sequence or a NUL byte.</summary>
    NotText,

    /// <summary>The file holds git merge conflict markers (<c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c>).</summary>
    ConflictMarkers,

    /// <summary>The text is not valid JSON, YAML or yarn lockfile syntax (this includes truncated files).</summary>
    Syntax,

    /// <summary>Values nest deeper than <see cref="LockfileLimits.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>An object or mapping has the same key twice.</summary>
    DuplicateKey,

    /// <summary>A YAML lockfile uses anchors, aliases, merge keys or tags, which no real lockfile does.</summary>
    YamlFeatureNotAllowed,

    /// <summary>The lockfile version is one this reader does not know.</summary>
    UnsupportedVersion,

    /// <summary>The syntax is valid but the content is not what the format says (a wrong type, a missing field, a bad key).</summary>
    InvalidContent,
}
