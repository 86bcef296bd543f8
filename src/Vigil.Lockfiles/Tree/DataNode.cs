namespace Vigil.Lockfiles.Tree;

/// <summary>A value read from JSON, YAML or a yarn lockfile, with where it starts.</summary>
internal abstract class DataNode(TextPoint point)
{
    public TextPoint Point { get; } = point;

    /// <summary>What the format calls this kind of value, for error messages.</summary>
    public abstract string KindName { get; }
}

/// <summary>The kinds of scalar value.</summary>
internal enum ScalarType
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
    public List<DataNode> Items { get; } = [];

    public override string KindName => "a list";
}

/// <summary>One key of a map, with where the key starts.</summary>
internal readonly record struct MapEntry(string Key, TextPoint KeyPoint, DataNode Value);

/// <summary>An object or mapping; keys are unique (the readers reject duplicates) and keep their order.</summary>
internal sealed class MapNode(TextPoint point) : DataNode(point)
{
    private readonly List<MapEntry> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IReadOnlyList<MapEntry> Entries => _entries;

    public int Count => _entries.Count;

    public override string KindName => "an object";

    /// <summary>Adds an entry; false when the key is already there.</summary>
    public bool TryAdd(string key, TextPoint keyPoint, DataNode value)
    {
        if (!_index.TryAdd(key, _entries.Count))
        {
            return false;
        }

        _entries.Add(new MapEntry(key, keyPoint, value));
        return true;
    }

    public bool TryGet(string key, out DataNode value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = null!;
        return false;
    }

    public DataNode? this[string key] => TryGet(key, out var value) ? value : null;
}
