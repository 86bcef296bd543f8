using System.Text;

namespace Vigil.Domain.Semver.Internal;

/// <summary>
/// The text rewriting node-semver's <c>Range.parseRange</c> performs before it reads comparators:
/// hyphen ranges, whitespace trims, carets, tildes, x-ranges, stars and <c>&gt;=0.0.0</c>.
/// Each step is a port of one replacement, with the same quirks (raw numbers such as <c>00</c> are kept as
/// written, bumped numbers go through JavaScript's number formatting).
/// </summary>
internal static class RangeDesugar
{
    /// <summary><c>range.replace(/\+([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)/g, '')</c>: drops build metadata.</summary>
    public static string StripBuild(string s)
    {
        if (s.IndexOf('+', StringComparison.Ordinal) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == '+' && Grammar.IdentifierRun(s, i + 1) > 0)
            {
                int end = i + 1 + Grammar.IdentifierRun(s, i + 1);
                while (Grammar.IsCharAt(s, end, '.') && Grammar.IdentifierRun(s, end + 1) > 0)
                {
                    end += 1 + Grammar.IdentifierRun(s, end + 1);
                }

                i = end;
                continue;
            }

            sb.Append(s[i]);
            i++;
        }

        return sb.ToString();
    }

    /// <summary><c>range.replace(HYPHENRANGE, hyphenReplace(includePrerelease))</c>.</summary>
    public static string ReplaceHyphen(string range, bool loose, bool includePrerelease)
    {
        if (!Syntax.TryMatchHyphen(range, loose, out var g))
        {
            return range;
        }

        string z = includePrerelease ? "-0" : string.Empty;
        var f = g.FromParts;
        string from = IsX(f.Major) ? string.Empty
            : IsX(f.Minor) ? $">={f.Major}.0.0{z}"
            : IsX(f.Patch) ? $">={f.Major}.{f.Minor}.0{z}"
            : IsSet(f.Prerelease) ? $">={g.From}"
            : $">={g.From}{z}";

        var t = g.ToParts;
        string to = IsX(t.Major) ? string.Empty
            : IsX(t.Minor) ? $"<{JsString.Increment(t.Major!)}.0.0-0"
            : IsX(t.Patch) ? $"<{t.Major}.{JsString.Increment(t.Minor!)}.0-0"
            : IsSet(t.Prerelease) ? $"<={t.Major}.{t.Minor}.{t.Patch}-{t.Prerelease}"
            : includePrerelease ? $"<{t.Major}.{t.Minor}.{JsString.Increment(t.Patch!)}-0"
            : $"<={g.To}";

        return JsString.Trim($"{from} {to}");
    }

    /// <summary><c>range.replace(/(\s?)~&gt;?\s/g, '$1~')</c>.</summary>
    public static string TrimTilde(string s) => TrimAfter(s, '~', allowGreater: true);

    /// <summary><c>range.replace(/(\s?)\^\s/g, '$1^')</c>.</summary>
    public static string TrimCaret(string s) => TrimAfter(s, '^', allowGreater: false);

    private static string TrimAfter(string s, char symbol, bool allowGreater)
    {
        if (s.IndexOf(symbol, StringComparison.Ordinal) < 0)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            bool leading = JsString.IsWhitespace(s[i]);
            int k = leading ? i + 1 : i;
            int end = -1;
            if (Grammar.IsCharAt(s, k, symbol))
            {
                if (allowGreater && Grammar.IsCharAt(s, k + 1, '>') && JsString.IsWhitespaceAt(s, k + 2))
                {
                    end = k + 3;
                }
                else if (JsString.IsWhitespaceAt(s, k + 1))
                {
                    end = k + 2;
                }
            }

            if (end < 0)
            {
                sb.Append(s[i]);
                i++;
                continue;
            }

            if (leading)
            {
                sb.Append(s[i]);
            }

            sb.Append(symbol);
            i = end;
        }

        return sb.ToString();
    }

    /// <summary>node-semver's <c>parseComparator</c>: carets, tildes, x-ranges, then stars.</summary>
    /// <remarks>
    /// Its first step, removing one build suffix, never changes anything here: <see cref="StripBuild"/> has
    /// already removed every <c>+identifier</c>, and no later step writes a <c>+</c>.
    /// </remarks>
    public static string ParseComparator(string comp, bool loose, bool includePrerelease)
    {
        comp = MapWords(JsString.Trim(comp), c => ReplaceCaret(c, loose, includePrerelease));
        comp = MapWords(JsString.Trim(comp), c => ReplaceTilde(c, loose, includePrerelease));
        comp = MapWords(comp, c => ReplaceXRange(JsString.Trim(c), loose, includePrerelease));
        return ReplaceStar(JsString.Trim(comp));
    }

    private static string MapWords(string s, Func<string, string> map) =>
        JsString.HasWhitespace(s) ? string.Join(' ', JsString.SplitOnWhitespace(s).Select(map)) : map(s);

    private static string ReplaceCaret(string comp, bool loose, bool includePrerelease)
    {
        if (!Syntax.TryMatchCaret(comp, loose, out var g))
        {
            return comp;
        }

        string z = includePrerelease ? "-0" : string.Empty;
        (string? major, string? minor, string? patch, string? pr) = (g.Major, g.Minor, g.Patch, g.Prerelease);
        if (IsX(major))
        {
            return string.Empty;
        }

        if (IsX(minor))
        {
            return $">={major}.0.0{z} <{JsString.Increment(major!)}.0.0-0";
        }

        if (IsX(patch))
        {
            return major == "0"
                ? $">={major}.{minor}.0{z} <{major}.{JsString.Increment(minor!)}.0-0"
                : $">={major}.{minor}.0{z} <{JsString.Increment(major!)}.0.0-0";
        }

        string lower = IsSet(pr) ? $">={major}.{minor}.{patch}-{pr}" : $">={major}.{minor}.{patch}";
        string upper = major != "0" ? $"<{JsString.Increment(major!)}.0.0-0"
            : minor == "0" ? $"<{major}.{minor}.{JsString.Increment(patch!)}-0"
            : $"<{major}.{JsString.Increment(minor!)}.0-0";
        return $"{lower} {upper}";
    }

    private static string ReplaceTilde(string comp, bool loose, bool includePrerelease)
    {
        if (!Syntax.TryMatchTilde(comp, loose, out var g))
        {
            return comp;
        }

        string z = includePrerelease ? "-0" : string.Empty;
        (string? major, string? minor, string? patch, string? pr) = (g.Major, g.Minor, g.Patch, g.Prerelease);
        if (IsX(major))
        {
            return string.Empty;
        }

        if (IsX(minor))
        {
            return $">={major}.0.0{z} <{JsString.Increment(major!)}.0.0-0";
        }

        if (IsX(patch))
        {
            return $">={major}.{minor}.0{z} <{major}.{JsString.Increment(minor!)}.0-0";
        }

        string lower = IsSet(pr) ? $">={major}.{minor}.{patch}-{pr}" : $">={major}.{minor}.{patch}";
        return $"{lower} <{major}.{JsString.Increment(minor!)}.0-0";
    }

    private static string ReplaceXRange(string comp, bool loose, bool includePrerelease)
    {
        if (!Syntax.TryMatchXRange(comp, loose, out var g))
        {
            return comp;
        }

        (string gtlt, string? major, string? minor, string? patch) = (g.Operator, g.Major, g.Minor, g.Patch);
        if ((IsX(major) && !IsX(minor)) || (IsX(minor) && IsSet(patch) && !IsX(patch)))
        {
            return comp;
        }

        bool xMajor = IsX(major);
        bool xMinor = xMajor || IsX(minor);
        bool anyX = xMinor || IsX(patch);
        if (gtlt == "=" && anyX)
        {
            gtlt = string.Empty;
        }

        string pr = includePrerelease ? "-0" : string.Empty;
        if (xMajor)
        {
            return gtlt is ">" or "<" ? "<0.0.0-0" : "*";
        }

        if (gtlt.Length > 0 && anyX)
        {
            if (xMinor)
            {
                minor = "0";
            }

            if (gtlt == ">")
            {
                gtlt = ">=";
                if (xMinor)
                {
                    major = JsString.Increment(major!);
                }
                else
                {
                    minor = JsString.Increment(minor!);
                }
            }
            else if (gtlt == "<=")
            {
                gtlt = "<";
                if (xMinor)
                {
                    major = JsString.Increment(major!);
                }
                else
                {
                    minor = JsString.Increment(minor!);
                }
            }

            if (gtlt == "<")
            {
                pr = "-0";
            }

            return $"{gtlt}{major}.{minor}.0{pr}";
        }

        if (xMinor)
        {
            return $">={major}.0.0{pr} <{JsString.Increment(major!)}.0.0-0";
        }

        return anyX ? $">={major}.{minor}.0{pr} <{major}.{JsString.Increment(minor!)}.0-0" : comp;
    }

    /// <summary><c>comp.replace(/(&lt;|&gt;)?=?\s?\*/, '')</c>: the first star and its operator go.</summary>
    private static string ReplaceStar(string comp)
    {
        for (int i = 0; i < comp.Length; i++)
        {
            int end = MatchStarAt(comp, i);
            if (end >= 0)
            {
                return string.Concat(comp.AsSpan(0, i), comp.AsSpan(end));
            }
        }

        return comp;
    }

    private static int MatchStarAt(string s, int i)
    {
        bool op = Grammar.IsCharAt(s, i, '<') || Grammar.IsCharAt(s, i, '>');
        for (int a = op ? 1 : 0; a >= 0; a--)
        {
            int j = i + a;
            for (int b = Grammar.IsCharAt(s, j, '=') ? 1 : 0; b >= 0; b--)
            {
                int k = j + b;
                for (int c = JsString.IsWhitespaceAt(s, k) ? 1 : 0; c >= 0; c--)
                {
                    if (Grammar.IsCharAt(s, k + c, '*'))
                    {
                        return k + c + 1;
                    }
                }
            }
        }

        return -1;
    }

    /// <summary><c>comp.trim().replace(GTE0 or GTE0PRE, '')</c>: <c>&gt;=0.0.0</c> means any version.</summary>
    public static string ReplaceGreaterOrEqualZero(string comp, bool includePrerelease)
    {
        comp = JsString.Trim(comp);
        string rest = includePrerelease ? "0.0.0-0" : "0.0.0";
        if (!comp.StartsWith(">=", StringComparison.Ordinal))
        {
            return comp;
        }

        int i = JsString.IsWhitespaceAt(comp, 2) ? 3 : 2;
        return comp.AsSpan(i).SequenceEqual(rest) ? string.Empty : comp;
    }

    /// <summary>node-semver's <c>isX</c>: absent, empty, <c>x</c>, <c>X</c> or <c>*</c>.</summary>
    private static bool IsX(string? id) => string.IsNullOrEmpty(id) || id is "x" or "X" or "*";

    /// <summary>JavaScript truthiness of a captured group.</summary>
    private static bool IsSet(string? group) => !string.IsNullOrEmpty(group);
}
