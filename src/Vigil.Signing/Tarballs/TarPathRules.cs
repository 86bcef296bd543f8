using System.Text.Unicode;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// What an entry's path may be. npm installs a tarball with node-tar, dropping the first path segment (the package
/// folder, <c>package/</c> from <c>npm pack</c>; older tools and DefinitelyTyped's publisher used other names) and
/// skipping <c>..</c> paths with a warning while turning absolute ones relative. Vigil refuses instead of repairing:
/// every entry must be inside one common package folder, relative, without <c>..</c>, NUL, control characters or
/// backslashes (a separator on Windows), in UTF-8, within <see cref="TarballLimits.MaxPathLength"/> bytes and
/// <see cref="TarballLimits.MaxPathDepth"/> folders.
/// </summary>
internal static class TarPathRules
{
    /// <summary>
    /// Checks <paramref name="path"/>; null when it is allowed, else the problem (to follow the entry's name).
    /// <paramref name="normalized"/> gets the path without empty and <c>.</c> segments (for duplicate detection) and
    /// <paramref name="rootLength"/> the length of its first segment.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static string? Check(ReadOnlySpan<byte> path, bool directory, Span<byte> normalized, out int normalizedLength, out int rootLength)
    {
        normalizedLength = 0;
        rootLength = 0;
        if (path.IsEmpty)
        {
            return "has an empty name";
        }

        if (path.Length > TarballLimits.MaxPathLength)
        {
            return $"has a path longer than {TarballLimits.MaxPathLength} bytes";
        }

        foreach (byte b in path)
        {
            if (b == 0)
            {
                return "has a NUL character in its name";
            }

            if (b is < 0x20 or 0x7F)
            {
                return "has a control character in its name";
            }

            if (b == (byte)'\\')
            {
                return "has a backslash in its name (a folder separator on Windows)";
            }
        }

        if (!Utf8.IsValid(path))
        {
            return "has a name that is not UTF-8";
        }

        if (path[0] == (byte)'/')
        {
            return "has an absolute path";
        }

        if (path.Length >= 2 && path[1] == (byte)':' && char.IsAsciiLetter((char)path[0]))
        {
            return "has a Windows drive path";
        }

        int depth = 0;
        int start = 0;
        bool first = true;
        while (start <= path.Length)
        {
            int slash = path[start..].IndexOf((byte)'/');
            int end = slash < 0 ? path.Length : start + slash;
            var segment = path[start..end];
            if (segment.SequenceEqual(".."u8))
            {
                return "has a '..' segment (it would escape the package folder)";
            }

            if (first)
            {
                segment.CopyTo(normalized);
                normalizedLength = rootLength = segment.Length;
                first = false;
            }
            else if (!segment.IsEmpty && !segment.SequenceEqual("."u8))
            {
                if (++depth > TarballLimits.MaxPathDepth)
                {
                    return $"is more than {TarballLimits.MaxPathDepth} folders deep";
                }

                normalized[normalizedLength++] = (byte)'/';
                segment.CopyTo(normalized[normalizedLength..]);
                normalizedLength += segment.Length;
            }

            if (slash < 0)
            {
                break;
            }

            start = end + 1;
        }

        if (depth == 0 && !directory)
        {
            return "is a file outside the package folder";
        }

        return null;
    }
}
