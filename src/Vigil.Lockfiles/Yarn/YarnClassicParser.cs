using System.Text;
using Vigil.Lockfiles.Text;
using Vigil.Lockfiles.Tree;

namespace Vigil.Lockfiles.Yarn;

/// <summary>
/// Parses yarn 1's own lockfile syntax, line by line and without recursion: two-space indentation, <c>#</c>
/// comments, entries headed by a comma-separated list of descriptors (<c>wrappy@1, wrappy@1.0.2:</c>), then
/// <c>key value</c> lines and nested sections (<c>dependencies:</c>). Values are quoted JSON-style strings or bare
/// words. Each entry's descriptors are joined with <c>", "</c> into its key.
/// </summary>
internal static class YarnClassicParser
{
    public static MapNode Parse(SourceText source)
    {
        var text = Encoding.UTF8.GetString(source.Utf8.Span);
        var root = new MapNode(TextPoint.At(1, 1));
        var stack = new List<MapNode> { root };
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r', ' ');
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ')
            {
                indent++;
            }

            if (indent == line.Length || line[indent] == '#')
            {
                continue;
            }

            if (line[indent] == '\t' || indent % 2 != 0)
            {
                throw Error(source, lineNumber, indent + 1, LockfileErrorKind.Syntax, "indentation must be a multiple of two spaces");
            }

            var level = indent / 2;
            if (level > stack.Count - 1)
            {
                throw Error(source, lineNumber, indent + 1, LockfileErrorKind.Syntax, "unexpected indentation");
            }

            stack.RemoveRange(level + 1, stack.Count - level - 1);
            var current = stack[level];
            var point = TextPoint.At(lineNumber, indent + 1);
            var content = line[indent..];
            var tokens = Tokenize(source, content, lineNumber, indent + 1);
            if (tokens.Count >= 2 && tokens[^1] == ":")
            {
                var keys = tokens.Take(tokens.Count - 1).Where(t => t != ",").Select(Unquote).ToList();
                if (keys.Count == 0 || tokens.Take(tokens.Count - 1).Where((t, i) => i % 2 == 1).Any(t => t != ","))
                {
                    throw Error(source, lineNumber, indent + 1, LockfileErrorKind.Syntax, "a section header is a comma-separated list of keys followed by ':'");
                }

                if (stack.Count > LockfileLimits.MaxDepth)
                {
                    throw Error(source, lineNumber, indent + 1, LockfileErrorKind.TooDeep, $"sections nest deeper than {LockfileLimits.MaxDepth} levels");
                }

                var section = new MapNode(point);
                Add(source, current, string.Join(", ", keys), point, section, lineNumber, indent);
                stack.Add(section);
                continue;
            }

            if (level == 0 || tokens.Count != 2 || tokens[0] is ":" or "," || tokens[1] is ":" or ",")
            {
                throw Error(source, lineNumber, indent + 1, LockfileErrorKind.Syntax, level == 0 ? "expected an entry header ('name@range:')" : "expected 'key value'");
            }

            var valueType = tokens[1] is "true" or "false" ? ScalarType.Boolean : ScalarType.String;
            Add(source, current, tokens[0], point, new ScalarNode(point, Unquote(tokens[1]), valueType), lineNumber, indent);
        }

        return root;
    }

    private static void Add(SourceText source, MapNode map, string key, TextPoint point, DataNode value, int line, int indent)
    {
        if (!map.TryAdd(Unquote(key), point, value))
        {
            throw Error(source, line, indent + 1, LockfileErrorKind.DuplicateKey, $"duplicate key '{PackageVersions.Shorten(Unquote(key))}'");
        }
    }

    /// <summary>Splits a line into tokens: quoted strings (kept with a leading quote mark, unescaped), bare words, ':' and ','.</summary>
    private static List<string> Tokenize(SourceText source, string content, int line, int column)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == ' ')
            {
                i++;
            }
            else if (c is ':' or ',')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var value = new StringBuilder("\"");
                i++;
                while (true)
                {
                    if (i >= content.Length)
                    {
                        throw Error(source, line, column + i, LockfileErrorKind.Syntax, "unterminated string");
                    }

                    var d = content[i++];
                    if (d == '"')
                    {
                        break;
                    }

                    if (d == '\\')
                    {
                        if (i >= content.Length)
                        {
                            throw Error(source, line, column + i, LockfileErrorKind.Syntax, "unterminated string");
                        }

                        var e = content[i++];
                        value.Append(e switch
                        {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '"' or '\\' or '/' => e,
                            _ => throw Error(source, line, column + i - 2, LockfileErrorKind.Syntax, $"unknown escape '\\{e}'"),
                        });
                        continue;
                    }

                    value.Append(d);
                }

                tokens.Add(value.ToString());
            }
            else
            {
                var start = i;
                while (i < content.Length && content[i] is not (' ' or ',') && !(content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' ')))
                {
                    i++;
                }

                tokens.Add(content[start..i]);
            }
        }

        return tokens;
    }

    private static string Unquote(string token) => token.StartsWith('"') ? token[1..] : token;

    private static LockfileParseException Error(SourceText source, int line, int column, LockfileErrorKind kind, string reason) =>
        new(new LockfileError(source.Name, line, column, kind, reason));
}
