using System.Text;
using Vigil.Lockfiles.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vigil.Lockfiles.Tree;

/// <summary>
/// Reads one YAML document into a <see cref="DataNode"/> tree from YamlDotNet's low-level parser events (no
/// object mapping, no reflection). Lockfiles never use anchors, aliases, merge keys (<c>&lt;&lt;</c>) or tags, so
/// all four are errors: no alias is ever expanded. Nesting is limited to <see cref="LockfileLimits.MaxDepth"/>
/// (checked before the parser goes deeper), values to <see cref="LockfileLimits.MaxNodes"/>; duplicate keys are errors.
/// </summary>
internal static class YamlTreeReader
{
    public static DataNode Read(SourceText source)
    {
        using var stream = new MemoryStream(source.Utf8.ToArray(), writable: false);
        using var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: false);
        var parser = new Parser(text);
        try
        {
            return Build(parser, source);
        }
        catch (YamlException e)
        {
            throw At(source, e.Start, LockfileErrorKind.Syntax, "invalid YAML: " + Describe(e));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // The parser's own failures on input it did not foresee: still an error about the file, never a crash.
            throw At(source, parser.Current?.Start ?? Mark.Empty, LockfileErrorKind.Syntax, "invalid YAML: " + e.Message);
        }
    }

    private static DataNode Build(Parser parser, SourceText source)
    {
        var stack = new Stack<DataNode>();
        var pendingKey = new Stack<(string Key, TextPoint Point)?>();
        DataNode? root = null;
        var documents = 0;
        var count = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var point = TextPoint.At((int)current.Start.Line, (int)current.Start.Column);
            switch (current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        throw At(source, current.Start, LockfileErrorKind.Syntax, "more than one YAML document");
                    }

                    continue;
                case AnchorAlias alias:
                    throw At(source, current.Start, LockfileErrorKind.YamlFeatureNotAllowed, $"YAML alias '*{alias.Value}': lockfiles do not use anchors or aliases");
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    throw At(source, current.Start, LockfileErrorKind.YamlFeatureNotAllowed, $"YAML anchor '&{anchored.Anchor}': lockfiles do not use anchors or aliases");
                case NodeEvent { Tag.IsEmpty: false } tagged when !tagged.Tag.IsNonSpecific:
                    throw At(source, current.Start, LockfileErrorKind.YamlFeatureNotAllowed, $"YAML tag '{tagged.Tag}': lockfiles do not use tags");
                case MappingStart or SequenceStart:
                    if (stack.Count >= LockfileLimits.MaxDepth)
                    {
                        throw At(source, current.Start, LockfileErrorKind.TooDeep, $"values nest deeper than {LockfileLimits.MaxDepth} levels");
                    }

                    DataNode container = current is MappingStart ? new MapNode(point) : new ListNode(point);
                    Attach(container, current.Start);
                    stack.Push(container);
                    pendingKey.Push(null);
                    continue;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    pendingKey.Pop();
                    continue;
                case Scalar scalar:
                    if (stack.Count > 0 && stack.Peek() is MapNode && pendingKey.Peek() is null)
                    {
                        if (scalar.Style == ScalarStyle.Plain && scalar.Value == "<<")
                        {
                            throw At(source, current.Start, LockfileErrorKind.YamlFeatureNotAllowed, "YAML merge key '<<': lockfiles do not use merge keys");
                        }

                        pendingKey.Pop();
                        pendingKey.Push((scalar.Value, point));
                        continue;
                    }

                    Attach(ToScalar(scalar, point), current.Start);
                    continue;
                default:
                    continue;
            }
        }

        return root ?? throw new LockfileParseException(new LockfileError(source.Name, 1, 1, LockfileErrorKind.Syntax, "the file holds no YAML document"));

        void Attach(DataNode node, Mark start)
        {
            if (++count > LockfileLimits.MaxNodes)
            {
                throw At(source, start, LockfileErrorKind.TooLarge, $"more than {LockfileLimits.MaxNodes:N0} values");
            }

            if (stack.Count == 0)
            {
                root = node;
                return;
            }

            switch (stack.Peek())
            {
                case MapNode map:
                    var key = pendingKey.Pop() ?? throw At(source, start, LockfileErrorKind.InvalidContent, "a mapping key must be a plain value, not a mapping or a list");
                    pendingKey.Push(null);
                    if (!map.TryAdd(key.Key, key.Point, node))
                    {
                        throw new LockfileParseException(new LockfileError(source.Name, key.Point.Line, key.Point.Column, LockfileErrorKind.DuplicateKey, $"duplicate key '{key.Key}'"));
                    }

                    break;
                case ListNode list:
                    list.Add(node);
                    break;
            }
        }
    }

    private static ScalarNode ToScalar(Scalar scalar, TextPoint point)
    {
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new ScalarNode(point, scalar.Value, ScalarType.String);
        }

        return scalar.Value switch
        {
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => new ScalarNode(point, scalar.Value.ToLowerInvariant(), ScalarType.Boolean),
            "" or "~" or "null" or "Null" or "NULL" => new ScalarNode(point, "null", ScalarType.Null),
            _ => new ScalarNode(point, scalar.Value, ScalarType.String),
        };
    }

    private static LockfileParseException At(SourceText source, Mark mark, LockfileErrorKind kind, string reason) =>
        new(new LockfileError(source.Name, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), kind, reason));

    /// <summary>YamlDotNet's message without its own position prefix, which the error already gives.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut > 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
