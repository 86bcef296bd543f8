namespace Vigil.Lockfiles.Tree;

/// <summary>A value read from JSON, YAML or a yarn lockfile, with where it starts.</summary>
internal abstract class DataNode(TextPoint point)
{
    public TextPoint Point { get; } = point;

    /// <summary>What the format calls this kind of value, for error messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>The kinds of scalar value.</summary>
internal enum ScalarType : byte
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null, kept as text.</summary>
internal sealed class ScalarNode(TextPoint point, string text, ScalarType type) : DataNode(point)
{
    public string Text { get; } = text;

    public ScalarType Type { get; } = type;

    public override string KindName => Type switch
    {
        ScalarType.String => "a string",
        ScalarType.Number => "a number",
        ScalarType.Boolean => "a boolean",
        _ => "null",
    };
}

/// <summary>An array or sequence.</summary>
internal sealed class ListNode(TextPoint point) : DataNode(point)
{
    private DataNode[] _items = [];
    private int _count;

    /// <summary>The items; not to be held while items are added.</summary>
    public ReadOnlySpan<DataNode> Items => _items.AsSpan(0, _count);

    public int Count => _count;

    public override string KindName => "a list";

    public void Add(DataNode item)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, 2 * _count));
        }

        _items[_count++] = item;
    }

    /// <summary>Sets the items of a list read whole (no item added yet).</summary>
    public void SetItems(DataNode[] items)
    {
        _items = items;
        _count = items.Length;
    }
}

/// <summary>One key of a map, with where the key starts.</summary>
internal readonly record struct MapEntry(string Key, TextPoint KeyPoint, DataNode Value);

/// <summary>
/// An object or mapping; keys are unique (the readers reject duplicates) and keep their order. Small maps (most of a
/// lockfile's) find keys by a linear search; an index is kept once a map holds more than <see cref="IndexFrom"/> keys.
/// </summary>
internal sealed class MapNode(TextPoint point) : DataNode(point)
{
    /// <summary>Maps with more keys than this have an index.</summary>
    public const int IndexFrom = 8;

    private MapEntry[] _entries = [];
    private int _count;
    private KeyIndex? _index;

    /// <summary>The entries, in order; not to be held while entries are added.</summary>
    public ReadOnlySpan<MapEntry> Entries => _entries.AsSpan(0, _count);

    public int Count => _count;

    public override string KindName => "an object";

    /// <summary>Adds an entry; false when the key is already there.</summary>
    public bool TryAdd(string key, TextPoint keyPoint, DataNode value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, 2 * _count));
        }

        _entries[_count++] = new MapEntry(key, keyPoint, value);
        if (_index is not null)
        {
            _index.Add(Entries, _count - 1);
        }
        else if (_count > IndexFrom)
        {
            _index = new KeyIndex(Entries, 2 * _count);
        }

        return true;
    }

    /// <summary>
    /// Sets the entries of a map read whole (no entry added yet), whose keys the caller has checked are unique, with
    /// their index when there are more than <see cref="IndexFrom"/>.
    /// </summary>
    public void SetEntries(MapEntry[] entries, KeyIndex? index)
    {
        _entries = entries;
        _count = entries.Length;
        _index = entries.Length > IndexFrom ? index ?? new KeyIndex(entries, entries.Length) : null;
    }

    public bool TryGet(string key, out DataNode value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null!;
        return i >= 0;
    }

    public DataNode? this[string key] => TryGet(key, out var value) ? value : null;

    private int IndexOf(string key) => _index is null ? IndexOf(Entries, key) : _index.Find(Entries, key);

    /// <summary>The position of <paramref name="key"/> among <paramref name="entries"/>, or -1: a linear search, for few entries.</summary>
    public static int IndexOf(ReadOnlySpan<MapEntry> entries, string key)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
