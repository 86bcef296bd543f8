using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Lockfiles.Tree;

/// <summary>
/// One string per distinct short text read from a file: a lockfile repeats its keys (<c>version</c>,
/// <c>integrity</c>), package names and versions thousands of times, and the tree keeps one copy of each. Texts are
/// found by their UTF-8 bytes, so a repeated one is neither decoded nor allocated again. A slot is looked for in at
/// most <see cref="MaxProbes"/> places: crafted collisions cost a new string each, never a longer search.
/// </summary>
internal sealed class StringTable : IDisposable
{
    /// <summary>Texts longer than this (in UTF-8 bytes: integrities, URLs) are rarely repeated and are not looked up.</summary>
    private const int MaxLength = 64;

    private const int MaxProbes = 8;

    /// <summary>The most texts kept; later ones are decoded each time.</summary>
    private const int MaxEntries = 1 << 20;

    // Both arrays come from the shared pools and go back on Dispose.
    private Entry[] _entries;
    private int _slots;
    private byte[] _bytes;
    private int _usedBytes;
    private int _count;

    /// <summary>A table sized for a file of <paramref name="fileBytes"/>: a lockfile has about one distinct short text per 150 bytes.</summary>
    public StringTable(int fileBytes)
    {
        _slots = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(fileBytes, 0) / 64), 256, 1 << 16);
        _entries = RentEntries(_slots);
        _bytes = ArrayPool<byte>.Shared.Rent(8 * _slots);
    }

    public void Dispose()
    {
        ArrayPool<Entry>.Shared.Return(_entries, clearArray: true);
        ArrayPool<byte>.Shared.Return(_bytes);
        _entries = [];
        _bytes = [];
    }

    /// <summary>The string of valid UTF-8 text.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var hash = Hash(utf8);
        var mask = _slots - 1;
        for (int probe = 0, i = hash & mask; probe < MaxProbes; probe++, i = (i + 1) & mask)
        {
            ref var entry = ref _entries[i];
            if (entry.Text is null)
            {
                var text = Encoding.UTF8.GetString(utf8);
                if (_count < MaxEntries)
                {
                    entry = new Entry(hash, Store(utf8), text);
                    if (++_count * 2 > _slots)
                    {
                        Grow();
                    }
                }

                return text;
            }

            if (entry.Hash == hash && _bytes[entry.Offset] == utf8.Length && _bytes.AsSpan(entry.Offset + 1, utf8.Length).SequenceEqual(utf8))
            {
                return entry.Text;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>Copies a text's bytes after its length (one byte: texts are short), and returns where.</summary>
    private int Store(ReadOnlySpan<byte> utf8)
    {
        var offset = _usedBytes;
        if (offset + 1 + utf8.Length > _bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(2 * _bytes.Length);
            _bytes.AsSpan(0, offset).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }

        _bytes[offset] = (byte)utf8.Length;
        utf8.CopyTo(_bytes.AsSpan(offset + 1));
        _usedBytes += 1 + utf8.Length;
        return offset;
    }

    private void Grow()
    {
        var old = _entries;
        var oldSlots = _slots;
        _slots *= 2;
        _entries = RentEntries(_slots);
        var mask = _slots - 1;
        foreach (var entry in old.AsSpan(0, oldSlots))
        {
            if (entry.Text is null)
            {
                continue;
            }

            for (int probe = 0, i = entry.Hash & mask; probe < MaxProbes; probe++, i = (i + 1) & mask)
            {
                if (_entries[i].Text is null)
                {
                    _entries[i] = entry;
                    break;
                }
            }
        }

        ArrayPool<Entry>.Shared.Return(old, clearArray: true);
    }

    private static Entry[] RentEntries(int slots)
    {
        var entries = ArrayPool<Entry>.Shared.Rent(slots);
        entries.AsSpan(0, slots).Clear();
        return entries;
    }

    /// <summary>A fast hash of a short text, eight bytes at a time.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var hash = (ulong)utf8.Length * Multiplier;
        while (utf8.Length >= sizeof(ulong))
        {
            hash = (hash ^ MemoryMarshal.Read<ulong>(utf8)) * Multiplier;
            hash ^= hash >> 29;
            utf8 = utf8[sizeof(ulong)..];
        }

        ulong tail = 0;
        foreach (var b in utf8)
        {
            tail = (tail << 8) | b;
        }

        hash = (hash ^ tail) * Multiplier;
        return (int)(hash ^ (hash >> 32));
    }

    /// <summary>A text, with its hash and where its bytes are.</summary>
    private readonly record struct Entry(int Hash, int Offset, string? Text);
}
