using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Vigil.Signing.Verification;

namespace Vigil.Signing.Registry;

/// <summary>
/// The cache file of every version record of one registry (<c>versions.pack</c>), read in one go: a run that
/// verifies thousands of versions opens one file, not one per version. Layout (little-endian):
/// <c>"VIGILPK1"</c>, a count (u32), then each record — name, version, integrity, shasum, tarball, attestations URL
/// (strings: a u32 byte length, <c>0xFFFFFFFF</c> for none, then UTF-8), the publish time (i64 Unix milliseconds,
/// <c>i64.MinValue</c> for unknown), a signature count (u16) and each signature's key id and signature — and last
/// the SHA-256 of everything before it. A file that is short, unknown, or whose hash or records do not add up is
/// corrupt: <see cref="TryOpen"/> says why and the caller treats it as empty.
/// </summary>
public sealed class VersionPack
{
    /// <summary>The largest pack read; a bigger one is treated as empty (and rewritten smaller by the next save).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    private const uint NoString = uint.MaxValue;
    private static readonly byte[] Magic = "VIGILPK1"u8.ToArray();

    private readonly byte[] _bytes;
    private readonly Dictionary<string, int> _index;

    private VersionPack(byte[] bytes, Dictionary<string, int> index)
    {
        _bytes = bytes;
        _index = index;
    }

    /// <summary>An empty pack.</summary>
    public static VersionPack Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>The number of records.</summary>
    public int Count => _index.Count;

    /// <summary>The key of a version in a pack (a version never holds a newline).</summary>
    public static string Key(string name, string version) => name + "\n" + version;

    /// <summary>The record of <paramref name="name"/>@<paramref name="version"/>, or null.</summary>
    public RegistryVersion? Find(string name, string version)
    {
        if (!_index.TryGetValue(Key(name, version), out int offset))
        {
            return null;
        }

        var reader = new Reader(_bytes, offset, _bytes.Length - SHA256.HashSizeInBytes);
        return reader.Record();
    }

    /// <summary>Every record (for a rewrite).</summary>
    public IEnumerable<KeyValuePair<string, RegistryVersion>> Records()
    {
        foreach (var (key, offset) in _index)
        {
            yield return new(key, new Reader(_bytes, offset, _bytes.Length - SHA256.HashSizeInBytes).Record());
        }
    }

    /// <summary>Reads a pack's bytes; false with <paramref name="error"/> when they are not a whole, valid pack.</summary>
    public static bool TryOpen(byte[] bytes, out VersionPack pack, out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        pack = Empty;
        error = null;
        int end = bytes.Length - SHA256.HashSizeInBytes;
        if (end < Magic.Length + 4 || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            error = "not a version pack of this Vigil (unknown header or too short)";
            return false;
        }

        if (!SHA256.HashData(bytes.AsSpan(0, end)).AsSpan().SequenceEqual(bytes.AsSpan(end)))
        {
            error = "its checksum does not match (a torn or damaged file)";
            return false;
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length));
        var index = new Dictionary<string, int>((int)Math.Min(count, 1_000_000), StringComparer.Ordinal);
        var reader = new Reader(bytes, Magic.Length + 4, end);
        try
        {
            for (uint i = 0; i < count; i++)
            {
                int start = reader.Offset;
                string name = reader.String() ?? throw new FormatException("a record without a name");
                string version = reader.String() ?? throw new FormatException("a record without a version");
                reader.Offset = start;
                reader.Skip();
                index[Key(name, version)] = start;
            }
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }

        if (reader.Offset != end)
        {
            error = "bytes after the last record";
            return false;
        }

        pack = new VersionPack(bytes, index);
        return true;
    }

    /// <summary>The bytes of a pack holding <paramref name="records"/>.</summary>
    public static byte[] Encode(IReadOnlyCollection<RegistryVersion> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var buffer = new MemoryStream(64 + (records.Count * 512));
        buffer.Write(Magic);
        WriteUInt32(buffer, (uint)records.Count);
        Span<byte> time = stackalloc byte[8];
        Span<byte> count = stackalloc byte[2];
        foreach (var record in records)
        {
            WriteString(buffer, record.Name);
            WriteString(buffer, record.Version);
            WriteString(buffer, record.Integrity);
            WriteString(buffer, record.Shasum);
            WriteString(buffer, record.TarballUrl);
            WriteString(buffer, record.AttestationsUrl);
            BinaryPrimitives.WriteInt64LittleEndian(time, record.PublishedAt is { } at ? at.ToUnixTimeMilliseconds() : long.MinValue);
            buffer.Write(time);
            BinaryPrimitives.WriteUInt16LittleEndian(count, checked((ushort)record.Signatures.Length));
            buffer.Write(count);
            foreach (var signature in record.Signatures)
            {
                WriteString(buffer, signature.KeyId);
                WriteString(buffer, signature.Signature);
            }
        }

        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }

    private static void WriteUInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteString(Stream stream, string? text)
    {
        if (text is null)
        {
            WriteUInt32(stream, NoString);
            return;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text);
        WriteUInt32(stream, (uint)bytes.Length);
        stream.Write(bytes);
    }

    // Reads records within [offset, end); anything out of bounds is a FormatException.
    private struct Reader(byte[] bytes, int offset, int end)
    {
        public int Offset = offset;

        public RegistryVersion Record()
        {
            string name = String()!;
            string version = String()!;
            string? integrity = String();
            string? shasum = String();
            string? tarball = String();
            string? attestations = String();
            long time = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            int count = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            var signatures = ImmutableArray.CreateBuilder<RegistrySignature>(count);
            for (int i = 0; i < count; i++)
            {
                signatures.Add(new RegistrySignature(String() ?? string.Empty, String() ?? string.Empty));
            }

            DateTimeOffset? published = time == long.MinValue ? null : DateTimeOffset.FromUnixTimeMilliseconds(time);
            return new RegistryVersion(name, version, integrity, shasum, tarball, signatures.MoveToImmutable(), attestations, published);
        }

        public void Skip()
        {
            for (int i = 0; i < 6; i++)
            {
                SkipString();
            }

            Take(8);
            int count = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            for (int i = 0; i < count * 2; i++)
            {
                SkipString();
            }
        }

        public string? String()
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            return length == NoString ? null : Encoding.UTF8.GetString(Take(checked((int)Math.Min(length, int.MaxValue))));
        }

        private void SkipString()
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            if (length != NoString)
            {
                Take((int)Math.Min(length, int.MaxValue));
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > end - Offset)
            {
                throw new FormatException($"a record runs past the end of the pack (at byte {Offset})");
            }

            var span = bytes.AsSpan(Offset, count);
            Offset += count;
            return span;
        }
    }
}
