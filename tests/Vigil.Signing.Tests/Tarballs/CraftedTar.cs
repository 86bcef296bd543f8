using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Vigil.Signing.Tests.Tarballs;

/// <summary>
/// A small tar writer for tests and the tarball benchmark: writes exactly the headers it is told to (ustar, pax
/// extended headers for long paths, GNU long names, any entry type, any name) — hostile ones included, which real
/// tar writers refuse to make. Content is written as given or as zeros, streamed, never held whole.
/// </summary>
public sealed class CraftedTar(Stream output)
{
    private readonly byte[] _header = new byte[512];
    private readonly byte[] _zeros = new byte[64 * 1024];

    /// <summary>A gzip-compressed tarball built by <paramref name="build"/>, in memory.</summary>
    public static byte[] Gzip(Action<CraftedTar> build, CompressionLevel level = CompressionLevel.Fastest)
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, level, leaveOpen: true))
        {
            build(new CraftedTar(gzip));
        }

        return memory.ToArray();
    }

    /// <summary>A regular file with <paramref name="content"/> (a pax header first when the path is over 100 bytes).</summary>
    public CraftedTar File(string path, byte[] content)
    {
        Entry('0', path, content.Length);
        output.Write(content);
        Pad(content.Length);
        return this;
    }

    /// <summary>A regular file of <paramref name="size"/> zero bytes, streamed.</summary>
    public CraftedTar ZeroFile(string path, long size)
    {
        Entry('0', path, size);
        for (long left = size; left > 0; left -= _zeros.Length)
        {
            output.Write(_zeros, 0, (int)Math.Min(left, _zeros.Length));
        }

        Pad(size);
        return this;
    }

    /// <summary>A folder.</summary>
    public CraftedTar Folder(string path) => Entry('5', path.EndsWith('/') ? path : path + "/", 0);

    /// <summary>A header of any type with any name and link name; a pax header first for paths over 100 bytes.</summary>
    public CraftedTar Entry(char type, string path, long size, string linkName = "")
    {
        var name = Encoding.UTF8.GetBytes(path);
        if (name.Length > 100)
        {
            Pax(("path", path));
            name = name[..100];
        }

        Header(type, name, size, Encoding.UTF8.GetBytes(linkName));
        return this;
    }

    /// <summary>A pax extended header with <paramref name="records"/>.</summary>
    public CraftedTar Pax(params (string Key, string Value)[] records)
    {
        var data = new StringBuilder();
        foreach (var (key, value) in records)
        {
            string body = " " + key + "=" + value + "\n";
            int bodyLength = Encoding.UTF8.GetByteCount(body);
            int length = bodyLength + 1;
            while (length.ToString(CultureInfo.InvariantCulture).Length + bodyLength > length)
            {
                length++;
            }

            data.Append(length.ToString(CultureInfo.InvariantCulture)).Append(body);
        }

        var bytes = Encoding.UTF8.GetBytes(data.ToString());
        Header('x', "PaxHeader"u8.ToArray(), bytes.Length, []);
        output.Write(bytes);
        Pad(bytes.Length);
        return this;
    }

    /// <summary>A GNU long name (<c>././@LongLink</c>, type L) for the next entry.</summary>
    public CraftedTar GnuLongName(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        Header('L', "././@LongLink"u8.ToArray(), bytes.Length, []);
        output.Write(bytes);
        Pad(bytes.Length);
        return this;
    }

    /// <summary>Raw bytes, as they are (to put data where none belongs).</summary>
    public CraftedTar Raw(byte[] bytes)
    {
        output.Write(bytes);
        return this;
    }

    /// <summary>The end-of-archive marker: two zero blocks.</summary>
    public CraftedTar End()
    {
        output.Write(_zeros, 0, 1024);
        return this;
    }

    /// <summary>Writes one ustar header block; <paramref name="tamper"/> may change it after the checksum is set.</summary>
    public void Header(char type, byte[] name, long size, byte[] linkName, Action<byte[]>? tamper = null)
    {
        Array.Clear(_header);
        name.AsSpan(0, Math.Min(100, name.Length)).CopyTo(_header);
        Octal(100, 8, type == '5' ? 0x1ED : 0x1A4);
        Octal(108, 8, 0);
        Octal(116, 8, 0);
        Octal(124, 12, size);
        Octal(136, 12, 499162500);
        _header[156] = (byte)type;
        linkName.AsSpan(0, Math.Min(100, linkName.Length)).CopyTo(_header.AsSpan(157));
        "ustar\0"u8.CopyTo(_header.AsSpan(257));
        "00"u8.CopyTo(_header.AsSpan(263));
        "        "u8.CopyTo(_header.AsSpan(148));
        int sum = 0;
        foreach (byte b in _header)
        {
            sum += b;
        }

        Octal(148, 7, sum);
        _header[155] = (byte)' ';
        tamper?.Invoke(_header);
        output.Write(_header);
    }

    private void Octal(int offset, int length, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(_header.AsSpan(offset));
        _header[offset + length - 1] = 0;
    }

    private void Pad(long size)
    {
        int padding = (int)((512 - (size % 512)) % 512);
        output.Write(_zeros, 0, padding);
    }
}
