namespace Vigil.Lockfiles.Tree;

/// <summary>
/// The positions of a large map's keys, by hash (open addressing over an array of positions: a quarter of a
/// dictionary's memory). The keys stay in the map's entries, which every call passes in. Hashes are the runtime's
/// randomized string hashes, so crafted keys cannot make the probes long.
/// </summary>
internal sealed class KeyIndex
{
    private int[] _slots;
    private int _count;

    /// <summary>An index of <paramref name="entries"/>, whose keys are unique, with room for <paramref name="capacity"/> keys.</summary>
    public KeyIndex(ReadOnlySpan<MapEntry> entries, int capacity)
    {
        _slots = new int[SlotsFor(Math.Max(capacity, entries.Length))];
        for (var i = 0; i < entries.Length; i++)
        {
            Insert(entries, i);
        }

        _count = entries.Length;
    }

    /// <summary>The position of <paramref name="key"/> among <paramref name="entries"/>, or -1.</summary>
    public int Find(ReadOnlySpan<MapEntry> entries, string key)
    {
        var mask = _slots.Length - 1;
        for (var i = key.GetHashCode() & mask; ; i = (i + 1) & mask)
        {
            var position = _slots[i] - 1;
            if (position < 0 || string.Equals(entries[position].Key, key, StringComparison.Ordinal))
            {
                return position;
            }
        }
    }

    /// <summary>Indexes the entry at <paramref name="position"/>, the last of <paramref name="entries"/>, whose key is not there yet.</summary>
    public void Add(ReadOnlySpan<MapEntry> entries, int position)
    {
        if (2 * (_count + 1) > _slots.Length)
        {
            _slots = new int[2 * _slots.Length];
            for (var i = 0; i < position; i++)
            {
                Insert(entries, i);
            }
        }

        Insert(entries, position);
        _count++;
    }

    private void Insert(ReadOnlySpan<MapEntry> entries, int position)
    {
        var mask = _slots.Length - 1;
        var i = entries[position].Key.GetHashCode() & mask;
        while (_slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        _slots[i] = position + 1;
    }

    private static int SlotsFor(int keys) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(2 * keys, 16));
}
