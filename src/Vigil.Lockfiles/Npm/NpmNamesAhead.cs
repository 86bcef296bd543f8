using System.Text;

namespace Vigil.Lockfiles.Npm;

/// <summary>
/// The package names of a version 2 or 3 package-lock.json, guessed from its bytes before any parsing: the last name
/// of every key with <c>node_modules/</c> in it, and every <c>"name":</c> string (aliases, workspaces). A few
/// vectorized searches over the file, so that whoever wants the names (the audit reads their advisories on the other
/// core) can start while the file is still being scanned.
/// </summary>
/// <remarks>
/// A guess, and only a guess: a name written with escapes is left out, a key that is not a package can slip in, and
/// the file may yet turn out to be invalid. Whoever uses the names must check them against what the reader returns (as
/// <c>PrefetchedLookup</c> does). The work is linear in the file and the set is bounded in names and characters, so a
/// hostile file costs no more here than the scan that follows.
/// </remarks>
internal static class NpmNamesAhead
{
    /// <summary>npm's longest package name.</summary>
    private const int MaxNameBytes = 214;

    /// <summary>
    /// The characters the names may hold in all: a lockfile of the largest size, all long names, would otherwise make
    /// a set of 85 MB for a guess. 8 MB (4 million characters) holds the names of any real lockfile: as many packages
    /// as <see cref="LockfileLimits.MaxInstalledPackages"/> allows, at 20 characters a name.
    /// </summary>
    private const int MaxCharacters = 4 * 1024 * 1024;

    /// <summary>The names; null unless the file's first <c>lockfileVersion</c> is 2 or 3.</summary>
    public static HashSet<string>? Find(ReadOnlySpan<byte> utf8)
    {
        if (!VersionTwoOrThree(utf8))
        {
            return null;
        }

        var names = new HashSet<string>(Math.Max(utf8.Length / 600, 16), StringComparer.Ordinal);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> chars = stackalloc char[MaxNameBytes];
        var room = MaxCharacters;
        InstalledNames(utf8, lookup, chars, ref room);
        NameFields(utf8, lookup, chars, ref room);
        return names;
    }

    /// <summary>Keys such as <c>"node_modules/a/node_modules/@s/b":</c> give <c>@s/b</c>.</summary>
    private static void InstalledNames(ReadOnlySpan<byte> utf8, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> names, Span<char> chars, ref int room)
    {
        var from = 0;
        while (from < utf8.Length)
        {
            var at = utf8[from..].IndexOf("node_modules/"u8);
            if (at < 0)
            {
                return;
            }

            at += from;
            var open = utf8[from..at].LastIndexOf((byte)'"');
            var close = utf8[at..].IndexOfAny((byte)'"', (byte)'\n');
            if (close < 0)
            {
                return;
            }

            var start = from + open + 1;
            close += at;
            from = close + 1;
            if (open < 0 || utf8[close] != (byte)'"' || !FollowedByColon(utf8, close + 1))
            {
                continue;
            }

            var key = utf8[start..close];
            var last = key.LastIndexOf("node_modules/"u8);
            Add(key[(last + "node_modules/"u8.Length)..], names, chars, ref room);
        }
    }

    /// <summary>Values such as <c>"name": "lodash"</c>.</summary>
    private static void NameFields(ReadOnlySpan<byte> utf8, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> names, Span<char> chars, ref int room)
    {
        var from = 0;
        while (from < utf8.Length)
        {
            var at = utf8[from..].IndexOf("\"name\":"u8);
            if (at < 0)
            {
                return;
            }

            var start = from + at + "\"name\":"u8.Length;
            while (start < utf8.Length && utf8[start] is (byte)' ' or (byte)'\t')
            {
                start++;
            }

            from = start;
            if (start >= utf8.Length || utf8[start] != (byte)'"')
            {
                continue;
            }

            var end = utf8[(start + 1)..].IndexOfAny((byte)'"', (byte)'\n');
            if (end < 0)
            {
                return;
            }

            from = start + 1 + end + 1;
            Add(utf8.Slice(start + 1, end), names, chars, ref room);
        }
    }

    private static void Add(ReadOnlySpan<byte> name, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> names, Span<char> chars, ref int room)
    {
        if (name.IsEmpty || name.Length > MaxNameBytes || name.Contains((byte)'\\') || names.Set.Count >= LockfileLimits.MaxInstalledPackages)
        {
            return;
        }

        // The text was checked to be UTF-8 before (SourceText); a name has at most as many characters as bytes.
        var length = Encoding.UTF8.GetChars(name, chars);
        if (length <= room && names.Add(chars[..length]))
        {
            room -= length;
        }
    }

    private static bool FollowedByColon(ReadOnlySpan<byte> utf8, int at)
    {
        while (at < utf8.Length && utf8[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        return at < utf8.Length && utf8[at] == (byte)':';
    }

    private static bool VersionTwoOrThree(ReadOnlySpan<byte> utf8)
    {
        var at = utf8.IndexOf("\"lockfileVersion\":"u8);
        if (at < 0)
        {
            return false;
        }

        var rest = utf8[(at + "\"lockfileVersion\":"u8.Length)..].TrimStart(" \t"u8);
        return rest.Length > 1 && rest[0] is (byte)'2' or (byte)'3' && rest[1] is not (>= (byte)'0' and <= (byte)'9');
    }
}
