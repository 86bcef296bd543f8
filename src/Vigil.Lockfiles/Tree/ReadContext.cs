using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Tree;

/// <summary>Typed access to a parsed tree, with errors that name the file, line and column of the offending value.</summary>
internal sealed class ReadContext(SourceText source)
{
    public SourceText Source { get; } = source;

    public LockfileParseException Error(TextPoint point, LockfileErrorKind kind, string reason)
    {
        var (line, column) = point.Line > 0 ? (point.Line, point.Column) : Source.LineAndColumn(point.Offset);
        return new LockfileParseException(new LockfileError(Source.Name, line, column, kind, reason));
    }

    public LockfileParseException Invalid(DataNode node, string reason) => Error(node.Point, LockfileErrorKind.InvalidContent, reason);

    public LockfileParseException Invalid(TextPoint point, string reason) => Error(point, LockfileErrorKind.InvalidContent, reason);

    public MapNode Map(DataNode node, What what) =>
        node as MapNode ?? throw Invalid(node, $"{what} must be an object, not {node.KindName}");

    /// <summary>A string, or a number or boolean as written (YAML and old lockfiles write versions unquoted).</summary>
    public string Text(DataNode node, What what) =>
        node is ScalarNode { Type: not ScalarType.Null } scalar
            ? scalar.Text
            : throw Invalid(node, $"{what} must be a string, not {node.KindName}");

    public string RequiredText(MapNode map, string key, What what) =>
        map.TryGet(key, out var value) ? TextOf(value, key, what) : throw Invalid(map, $"{what} has no '{key}'");

    public string? OptionalText(MapNode map, string key, What what) =>
        map.TryGet(key, out var value) && value is not ScalarNode { Type: ScalarType.Null } ? TextOf(value, key, what) : null;

    public MapNode? OptionalMap(MapNode map, string key, What what) =>
        map.TryGet(key, out var value) && value is not ScalarNode { Type: ScalarType.Null }
            ? value as MapNode ?? throw Invalid(value, $"'{key}' of {what} must be an object, not {value.KindName}")
            : null;

    public bool Flag(MapNode map, string key, What what)
    {
        if (!map.TryGet(key, out var value))
        {
            return false;
        }

        return value is ScalarNode { Type: ScalarType.Boolean or ScalarType.String } scalar && scalar.Text is "true" or "false"
            ? scalar.Text == "true"
            : throw Invalid(value, $"'{key}' of {what} must be true or false, not {value.KindName}");
    }

    /// <summary>The entries of a map of names to strings (<c>dependencies</c>), or none when the key is absent.</summary>
    public IEnumerable<(string Name, string Value, DataNode Node)> StringMap(MapNode map, string key, What what)
    {
        var inner = OptionalMap(map, key, what);
        if (inner is null)
        {
            yield break;
        }

        for (var i = 0; i < inner.Count; i++)
        {
            var entry = inner.Entries[i];
            yield return (entry.Key, EntryText(entry, key, what), entry.Value);
        }
    }

    /// <summary>The text of an entry of the map <paramref name="key"/> of names to strings, with <see cref="StringMap"/>'s error.</summary>
    public string EntryText(MapEntry entry, string key, What what) =>
        entry.Value is ScalarNode { Type: not ScalarType.Null } scalar
            ? scalar.Text
            : throw Invalid(entry.Value, $"'{key}.{entry.Key}' of {what} must be a string, not {entry.Value.KindName}");

    /// <summary>The strings of a list (or none when the key is absent).</summary>
    public IEnumerable<string> StringList(MapNode map, string key, What what)
    {
        if (!map.TryGet(key, out var value) || value is ScalarNode { Type: ScalarType.Null })
        {
            yield break;
        }

        var list = value as ListNode ?? throw Invalid(value, $"'{key}' of {what} must be a list, not {value.KindName}");
        for (var i = 0; i < list.Count; i++)
        {
            var item = list.Items[i];
            yield return item is ScalarNode { Type: not ScalarType.Null } scalar
                ? scalar.Text
                : throw Invalid(item, $"an item of '{key}' of {what} must be a string, not {item.KindName}");
        }
    }

    /// <summary>The text of <paramref name="key"/>'s value; the error message is built only when it is not text.</summary>
    private string TextOf(DataNode value, string key, What what) =>
        value is ScalarNode { Type: not ScalarType.Null } scalar
            ? scalar.Text
            : throw Invalid(value, $"'{key}' of {what} must be a string, not {value.KindName}");
}
