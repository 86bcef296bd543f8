namespace Vigil.Signing.Tarballs;

/// <summary>
/// A pax extended header's records (<c>"%d %s=%s\n"</c>, POSIX.1-2001): <c>path</c>, <c>linkpath</c> and
/// <c>size</c> are taken; sparse-file records (<c>GNU.sparse.*</c>) are refused; the others (times, owners, charset,
/// vendor keys) do not matter for a package and are ignored.
/// </summary>
internal sealed class PaxHeader
{
    /// <summary>The <c>path</c> record, if any.</summary>
    public byte[]? Path { get; private set; }

    /// <summary>The <c>linkpath</c> record, if any.</summary>
    public byte[]? LinkPath { get; private set; }

    /// <summary>The <c>size</c> record, if any.</summary>
    public long? Size { get; private set; }

    /// <summary>Reads the records of <paramref name="data"/> into this header (later records win); throws naming <paramref name="entry"/>.</summary>
    public void Read(ReadOnlySpan<byte> data, string entry)
    {
        while (!data.IsEmpty)
        {
            int space = data.IndexOf((byte)' ');
            if (space <= 0 || space > 10 || !TryDecimal(data[..space], out long length) || length <= space + 2 || length > data.Length)
            {
                throw new TarballRejectedException($"{entry}: a pax extended header record is malformed");
            }

            var record = data[..(int)length];
            data = data[(int)length..];
            if (record[^1] != (byte)'\n')
            {
                throw new TarballRejectedException($"{entry}: a pax extended header record does not end in a new line");
            }

            var keyValue = record[(space + 1)..^1];
            int equals = keyValue.IndexOf((byte)'=');
            if (equals <= 0)
            {
                throw new TarballRejectedException($"{entry}: a pax extended header record has no key");
            }

            var key = keyValue[..equals];
            var value = keyValue[(equals + 1)..];
            if (key.SequenceEqual("path"u8))
            {
                Path = TarballInspectorPaths.Checked(value, entry);
            }
            else if (key.SequenceEqual("linkpath"u8))
            {
                LinkPath = TarballInspectorPaths.Checked(value, entry);
            }
            else if (key.SequenceEqual("size"u8))
            {
                if (!TryDecimal(value, out long size) || value.Length > 18)
                {
                    throw new TarballRejectedException($"{entry}: the pax size record is not a decimal number");
                }

                Size = size;
            }
            else if (key.StartsWith("GNU.sparse."u8))
            {
                throw new TarballRejectedException($"{entry}: a sparse file (npm packages never hold one)");
            }
        }
    }

    /// <summary>True when a record sets something that belongs to one entry (a global header must not).</summary>
    public bool SetsEntryFields => Path is not null || LinkPath is not null || Size is not null;

    private static bool TryDecimal(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}

/// <summary>Extended paths are refused past <see cref="TarballLimits.MaxPathLength"/> as soon as they are read.</summary>
internal static class TarballInspectorPaths
{
    /// <summary>A copy of <paramref name="path"/>, or a rejection naming <paramref name="entry"/>.</summary>
    public static byte[] Checked(ReadOnlySpan<byte> path, string entry) => path.Length <= TarballLimits.MaxPathLength
        ? path.ToArray()
        : throw new TarballRejectedException($"{entry} gives a path longer than {TarballLimits.MaxPathLength} bytes: {TarHeader.Printable(path)}");
}
