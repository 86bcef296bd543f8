using System.Runtime.InteropServices;
using System.Text.Json;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Tree;

/// <summary>
/// Reads JSON into a <see cref="DataNode"/> tree with <see cref="Utf8JsonReader"/>, without recursion: nesting is
/// limited to <see cref="LockfileLimits.MaxDepth"/>, values to <see cref="LockfileLimits.MaxNodes"/>, duplicate keys
/// are errors. With jsonc, it allows comments and trailing commas (bun.lock). With <see cref="KeptFields"/>, the
/// fields a reader never looks at are checked like all the others but left out of the tree.
/// </summary>
internal static class JsonTreeReader
{
    public static DataNode Read(SourceText source, bool jsonc = false, KeptFields? kept = null)
    {
        var options = new JsonReaderOptions
        {
            MaxDepth = LockfileLimits.MaxDepth + 1,
            CommentHandling = jsonc ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
            AllowTrailingCommas = jsonc,
        };
        var reader = new Utf8JsonReader(source.Utf8.Span, isFinalBlock: true, new JsonReaderState(options));
        try
        {
            return Build(ref reader, source, kept);
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(source.Utf8.Span, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw source.Error(offset, LockfileErrorKind.Syntax, "invalid JSON: " + Describe(e.Message));
        }
    }

    private static DataNode Build(ref Utf8JsonReader reader, SourceText source, KeptFields? kept)
    {
        using var strings = new StringTable(source.Utf8.Length);

        // The open objects and arrays, innermost last, and their entries and items so far: each container's are the
        // last ones, from its frame's start, and are put in an array of the right size when it closes. A value left
        // out (and everything in it) is checked the same way, with no node: an entry without a value keeps its key
        // for the duplicate check.
        var frames = new List<Frame>();
        using var entries = new PooledList<MapEntry>(256);
        using var items = new PooledList<DataNode>(64);
        string? pendingKey = null;
        var pendingKeyPoint = default(TextPoint);
        var leaveOut = false;
        DataNode? root = null;
        var count = 0;
        while (reader.Read())
        {
            var point = TextPoint.AtOffset(reader.TokenStartIndex);
            var left = leaveOut || (frames.Count > 0 && frames[^1].LeftOut);
            DataNode? value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingKey = GetString(ref reader, source, strings);
                    pendingKeyPoint = point;
                    leaveOut = kept is not null && !frames[^1].LeftOut && kept.LeavesOut(CollectionsMarshal.AsSpan(frames), pendingKey);
                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (frames.Count >= LockfileLimits.MaxDepth)
                    {
                        throw source.Error(reader.TokenStartIndex, LockfileErrorKind.TooDeep, $"values nest deeper than {LockfileLimits.MaxDepth} levels");
                    }

                    var isMap = reader.TokenType == JsonTokenType.StartObject;
                    DataNode? container = left ? null : isMap ? new MapNode(point) : new ListNode(point);
                    var key = pendingKey;
                    Attach(container, point);
                    frames.Add(new Frame(container, isMap, isMap ? entries.Count : items.Count, key) { LeftOut = left });
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    Close(frames[^1]);
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                case JsonTokenType.String:
                    if (left)
                    {
                        if (reader.ValueIsEscaped)
                        {
                            GetString(ref reader, source, strings);
                        }
                    }
                    else
                    {
                        value = new ScalarNode(point, GetString(ref reader, source, strings), ScalarType.String);
                    }

                    break;
                case JsonTokenType.Number:
                    value = left ? null : new ScalarNode(point, strings.Get(reader.ValueSpan), ScalarType.Number);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    value = left ? null : new ScalarNode(point, reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarType.Boolean);
                    break;
                case JsonTokenType.Null:
                    value = left ? null : new ScalarNode(point, "null", ScalarType.Null);
                    break;
                default:
                    continue;
            }

            Attach(value, point);
        }

        return root ?? throw source.Error(0, LockfileErrorKind.Syntax, "invalid JSON: the file is empty");

        // Adds a value (null when left out) to the open container.
        void Attach(DataNode? node, TextPoint point)
        {
            if (++count > LockfileLimits.MaxNodes)
            {
                throw source.Error(point.Offset, LockfileErrorKind.TooLarge, $"more than {LockfileLimits.MaxNodes:N0} values");
            }

            if (frames.Count == 0)
            {
                root = node;
                return;
            }

            ref var frame = ref CollectionsMarshal.AsSpan(frames)[^1];
            if (!frame.IsMap)
            {
                if (node is not null)
                {
                    items.Add(node);
                }

                return;
            }

            // Duplicate keys: a linear search in a small object, an index in a large one.
            var open = entries.Items[frame.Start..];
            if ((frame.Index is not null ? frame.Index.Find(open, pendingKey!) : MapNode.IndexOf(open, pendingKey!)) >= 0)
            {
                throw source.Error(pendingKeyPoint.Offset, LockfileErrorKind.DuplicateKey, $"duplicate key '{pendingKey}'");
            }

            frame.Kept += node is null ? 0 : 1;
            entries.Add(new MapEntry(pendingKey!, pendingKeyPoint, node!));
            open = entries.Items[frame.Start..];
            if (frame.Index is not null)
            {
                frame.Index.Add(open, open.Length - 1);
            }
            else if (open.Length > MapNode.IndexFrom)
            {
                frame.Index = new KeyIndex(open, 4 * open.Length);
            }

            pendingKey = null;
            leaveOut = false;
        }

        void Close(Frame frame)
        {
            if (frame.Container is MapNode map)
            {
                var all = entries.Items[frame.Start..];
                map.SetEntries(KeptEntries(all, frame.Kept), frame.Kept == all.Length ? frame.Index : null);
            }
            else if (frame.Container is ListNode list)
            {
                list.SetItems(items.Items[frame.Start..].ToArray());
            }

            if (frame.IsMap)
            {
                entries.Truncate(frame.Start);
            }
            else if (frame.Container is not null)
            {
                items.Truncate(frame.Start);
            }
        }
    }

    /// <summary>The entries that have a value.</summary>
    private static MapEntry[] KeptEntries(ReadOnlySpan<MapEntry> entries, int kept)
    {
        if (kept == entries.Length)
        {
            return entries.ToArray();
        }

        var result = new MapEntry[kept];
        var next = 0;
        foreach (var entry in entries)
        {
            if (entry.Value is not null)
            {
                result[next++] = entry;
            }
        }

        return result;
    }

    /// <summary>
    /// An open object or array: its node (none when left out), where its entries or items start, the key it is the value
    /// of, how many of its entries have a value, and the index of a large object's keys.
    /// </summary>
    internal struct Frame(DataNode? container, bool isMap, int start, string? key)
    {
        public DataNode? Container { get; } = container;

        public bool IsMap { get; } = isMap;

        public int Start { get; } = start;

        public string? Key { get; } = key;

        public bool LeftOut { get; init; }

        public int Kept { get; set; }

        public KeyIndex? Index { get; set; }
    }

    /// <summary>A string token's value. The text is valid UTF-8 (<see cref="SourceText.Check"/>), so only an escaped one can fail.</summary>
    private static string GetString(ref Utf8JsonReader reader, SourceText source, StringTable strings)
    {
        if (!reader.ValueIsEscaped)
        {
            return strings.Get(reader.ValueSpan);
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw source.Error(reader.TokenStartIndex, LockfileErrorKind.Syntax, "invalid JSON string: " + e.Message);
        }
    }

    private static long OffsetOf(ReadOnlySpan<byte> utf8, long line, long bytePositionInLine)
    {
        long offset = 0;
        for (long i = 0; i < line && offset < utf8.Length; i++)
        {
            var next = utf8[(int)offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return utf8.Length;
            }

            offset += next + 1;
        }

        return Math.Min(offset + bytePositionInLine, utf8.Length);
    }

    /// <summary>System.Text.Json's message without its own position, which the error already gives.</summary>
    private static string Describe(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
