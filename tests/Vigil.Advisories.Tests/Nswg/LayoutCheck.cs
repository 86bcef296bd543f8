namespace Vigil.Advisories.Tests.Nswg;

/// <summary>
/// Tells whether a file is laid out regularly, line by line, without the library's code: no trailing whitespace,
/// no blank line, and every line indented by the closing brace's indentation plus one unit per open bracket.
/// These are the files the writer claims to reproduce byte for byte.
/// </summary>
internal static class LayoutCheck
{
    /// <summary>Null when regular; otherwise why not.</summary>
    public static string? Irregularity(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        if (lines.Length < 3)
        {
            return null;
        }

        var margin = Indentation(lines[^1]);
        var firstMember = Indentation(lines[1]);
        if (!firstMember.StartsWith(margin, StringComparison.Ordinal) || firstMember.Length == margin.Length)
        {
            return "line 2 is not indented past the closing brace";
        }

        var unit = firstMember[margin.Length..];
        var depth = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                return $"line {i + 1} is blank";
            }

            if (line.EndsWith(' ') || line.EndsWith('\t'))
            {
                return $"line {i + 1} ends with whitespace";
            }

            var body = line.TrimStart(' ', '\t');
            var lineDepth = body[0] is '}' or ']' ? depth - 1 : depth;
            var expected = i == 0 ? string.Empty : margin + string.Concat(Enumerable.Repeat(unit, lineDepth));
            if (Indentation(line) != expected)
            {
                return $"line {i + 1} is indented {Indentation(line).Length} instead of {expected.Length}";
            }

            depth += Opened(body);
        }

        return null;
    }

    private static string Indentation(string line) => line[..(line.Length - line.TrimStart(' ', '\t').Length)];

    /// <summary>Brackets opened minus closed on a line, outside strings.</summary>
    private static int Opened(string body)
    {
        var count = 0;
        var inString = false;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                count++;
            }
            else if (c is '}' or ']')
            {
                count--;
            }
        }

        return count;
    }
}
