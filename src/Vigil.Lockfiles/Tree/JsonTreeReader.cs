using System.Text;
using System.Text.Json;
using Vigil.Lockfiles.Text;

namespace Vigil.Lockfiles.Tree;

/// <summary>
/// Reads JSON into a <see cref="DataNode"/> tree with <see cref="Utf8JsonReader"/>, without recursion: nesting is
/// limited to <see cref="LockfileLimits.MaxDepth"/>, values to <see cref="LockfileLimits.MaxNodes"/>, duplicate keys
/// are errors. With jsonc, it allows comments and trailing commas (bun.lock).
/// </summary>
internal static class JsonTreeReader
{
    public static DataNode Read(SourceText source, bool jsonc = false)
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
            return Build(ref reader, source);
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(source.Utf8.Span, e.LineNumber ?? 0, e.BytePositionInLine ?? 0);
            throw source.Error(offset, LockfileErrorKind.Syntax, "invalid JSON: " + Describe(e.Message));
        }
    }

    private static DataNode Build(ref Utf8JsonReader reader, SourceText source)
    {
        var stack = new Stack<DataNode>();
        string? pendingKey = null;
        var pendingKeyPoint = default(TextPoint);
        DataNode? root = null;
        var count = 0;
        while (reader.Read())
        {
            var point = TextPoint.AtOffset(reader.TokenStartIndex);
            DataNode? value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingKey = GetString(ref reader, source);
                    pendingKeyPoint = point;
                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (stack.Count >= LockfileLimits.MaxDepth)
                    {
                        throw source.Error(reader.TokenStartIndex, LockfileErrorKind.TooDeep, $"values nest deeper than {LockfileLimits.MaxDepth} levels");
                    }

                    DataNode container = reader.TokenType == JsonTokenType.StartObject ? new MapNode(point) : new ListNode(point);
                    Attach(container);
                    stack.Push(container);
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
                case JsonTokenType.String:
                    value = new ScalarNode(point, GetString(ref reader, source), ScalarType.String);
                    break;
                case JsonTokenType.Number:
                    value = new ScalarNode(point, Encoding.UTF8.GetString(reader.ValueSpan), ScalarType.Number);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    value = new ScalarNode(point, reader.TokenType == JsonTokenType.True ? "true" : "false", ScalarType.Boolean);
                    break;
                case JsonTokenType.Null:
                    value = new ScalarNode(point, "null", ScalarType.Null);
                    break;
                default:
                    continue;
            }

            Attach(value);
        }

        return root ?? throw source.Error(0, LockfileErrorKind.Syntax, "invalid JSON: the file is empty");

        void Attach(DataNode node)
        {
            if (++count > LockfileLimits.MaxNodes)
            {
                throw source.Error(node.Point.Offset, LockfileErrorKind.TooLarge, $"more than {LockfileLimits.MaxNodes:N0} values");
            }

            if (stack.Count == 0)
            {
                root = node;
                return;
            }

            switch (stack.Peek())
            {
                case MapNode map when !map.TryAdd(pendingKey!, pendingKeyPoint, node):
                    throw source.Error(pendingKeyPoint.Offset, LockfileErrorKind.DuplicateKey, $"duplicate key '{pendingKey}'");
                case ListNode list:
                    list.Items.Add(node);
                    break;
            }

            pendingKey = null;
        }
    }

    private static string GetString(ref Utf8JsonReader reader, SourceText source)
    {
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
