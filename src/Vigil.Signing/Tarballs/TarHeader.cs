using System.Text;

namespace Vigil.Signing.Tarballs;

/// <summary>
/// The fields of one 512-byte tar header block that the inspector uses (POSIX ustar, GNU and v7 headers), read
/// strictly: the checksum must match, numeric fields must be octal. Field offsets from POSIX.1-2001 (pax) ustar.
/// </summary>
internal static class TarHeader
{
    private const int NameOffset = 0;
    private const int NameLength = 100;
    private const int ModeOffset = 100;
    private const int SizeOffset = 124;
    private const int ChecksumOffset = 148;
    private const int TypeOffset = 156;
    private const int LinkNameOffset = 157;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345;
    private const int PrefixLength = 155;

    /// <summary>The entry's type flag (<c>'0'</c> file, <c>'5'</c> folder, <c>'x'</c> pax header…).</summary>
    public static byte Type(ReadOnlySpan<byte> block) => block[TypeOffset];

    /// <summary>The name field up to its first NUL.</summary>
    public static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> block) => CString(block.Slice(NameOffset, NameLength));

    /// <summary>The link name field up to its first NUL.</summary>
    public static ReadOnlySpan<byte> LinkName(ReadOnlySpan<byte> block) => CString(block.Slice(LinkNameOffset, 100));

    /// <summary>The ustar prefix (POSIX <c>ustar\0</c> magic only; GNU headers use those bytes for other fields).</summary>
    public static ReadOnlySpan<byte> Prefix(ReadOnlySpan<byte> block) =>
        block.Slice(MagicOffset, 6).SequenceEqual("ustar\0"u8) ? CString(block.Slice(PrefixOffset, PrefixLength)) : [];

    /// <summary>Checks the header's checksum and numeric fields: null and the size field, or the problem.</summary>
    public static string? Validate(ReadOnlySpan<byte> block, out long size)
    {
        size = 0;
        if (!TryOctal(block.Slice(ChecksumOffset, 8), out long recorded))
        {
            return "the header checksum field is not an octal number";
        }

        // The sum of the header's bytes with the checksum field read as eight spaces; old tars summed signed bytes.
        long unsigned = Sum(block[..ChecksumOffset]) + (8 * ' ') + Sum(block[(ChecksumOffset + 8)..TarBlockReader.BlockSize]);
        if (recorded != unsigned && recorded != SignedSum(block))
        {
            return "the header checksum does not match (a corrupt or crafted header)";
        }

        if (!TryOctal(block.Slice(ModeOffset, 8), out _))
        {
            return "the mode field is not an octal number";
        }

        if ((block[SizeOffset] & 0x80) != 0)
        {
            return "the size field is in base-256 (only entries over 8 GiB need it)";
        }

        return TryOctal(block.Slice(SizeOffset, 12), out size) ? null : "the size field is not an octal number";
    }

    /// <summary><paramref name="bytes"/> as UTF-8 for a person: control characters escaped, shortened past 160 characters.</summary>
    public static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes.Length > 480 ? bytes[..480] : bytes);
        var builder = new StringBuilder(Math.Min(text.Length, 170));
        foreach (char c in text)
        {
            if (builder.Length >= 160)
            {
                builder.Append('…');
                break;
            }

            if (char.IsControl(c))
            {
                builder.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return "'" + builder + "'";
    }

    private static long Sum(ReadOnlySpan<byte> bytes)
    {
        long sum = 0;
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var total = System.Numerics.Vector<ulong>.Zero;
            for (; i + System.Numerics.Vector<byte>.Count <= bytes.Length; i += System.Numerics.Vector<byte>.Count)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<byte>(bytes[i..]), out var low, out var high);
                System.Numerics.Vector.Widen(low + high, out var a, out var b);
                System.Numerics.Vector.Widen(a + b, out var c, out var d);
                total += c + d;
            }

            sum = (long)System.Numerics.Vector.Sum(total);
        }

        for (; i < bytes.Length; i++)
        {
            sum += bytes[i];
        }

        return sum;
    }

    private static long SignedSum(ReadOnlySpan<byte> block)
    {
        long sum = 0;
        for (int i = 0; i < TarBlockReader.BlockSize; i++)
        {
            sum += i is >= ChecksumOffset and < ChecksumOffset + 8 ? ' ' : (sbyte)block[i];
        }

        return sum;
    }

    /// <summary>An octal field: optional leading spaces, octal digits, then NULs or spaces to its end (empty is 0).</summary>
    private static bool TryOctal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        int i = 0;
        while (i < field.Length && field[i] == ' ')
        {
            i++;
        }

        int digits = 0;
        for (; i < field.Length && field[i] is >= (byte)'0' and <= (byte)'7'; i++, digits++)
        {
            if (digits >= 21)
            {
                return false;
            }

            value = (value * 8) + (field[i] - '0');
        }

        for (; i < field.Length; i++)
        {
            if (field[i] is not (0 or (byte)' '))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return nul < 0 ? field : field[..nul];
    }
}
