using System.Text;

namespace Vigil.Domain.Semver.Internal;

/// <summary>
/// Removes the whitespace between an operator and its version (<c>&gt; 1.2.3</c> becomes <c>&gt;1.2.3</c>)
/// exactly where node-semver's <c>trimComparatorWhitespace</c> does (the replacement of its
/// <c>COMPARATORTRIM</c> expression). node-semver 7.8 itself replaced that expression by a scanner;
/// this is the same scanner, with the digit runs precomputed so that the work stays linear.
/// </summary>
internal static class ComparatorWhitespace
{
    public static string Trim(string range)
    {
        var scanner = new Scanner(range);
        StringBuilder? result = null;
        int copyFrom = 0, cursor = 0;
        while (cursor < range.Length)
        {
            int matchStart = cursor;
            char c = range[cursor];
            if (c is '<' or '>')
            {
                cursor++;
            }
            else if (!IsVersionPrefix(range, cursor) && !IsVersionStart(range, cursor))
            {
                cursor++;
                continue;
            }

            // Consume a v/=/whitespace run once, even when no version follows it.
            while (cursor < range.Length && IsVersionPrefix(range, cursor))
            {
                cursor++;
            }

            if (!IsVersionStart(range, cursor))
            {
                continue;
            }

            int whitespace = RemovableWhitespace(range, matchStart);
            if (whitespace >= 0)
            {
                result ??= new StringBuilder(range.Length);
                result.Append(range, copyFrom, whitespace - copyFrom);
                copyFrom = whitespace + 1;
            }

            cursor = scanner.VersionEnd(cursor);
        }

        return result is null ? range : result.Append(range, copyFrom, range.Length - copyFrom).ToString();
    }

    private static bool IsVersionPrefix(string s, int i) =>
        i < s.Length && (s[i] == 'v' || s[i] == '=' || JsString.IsWhitespace(s[i]));

    private static bool IsVersionStart(string s, int i) =>
        i < s.Length && (Grammar.IsDigit(s[i]) || Grammar.IsXChar(s[i]));

    private static int RemovableWhitespace(string s, int matchStart)
    {
        int position = matchStart;
        if (JsString.IsWhitespaceAt(s, position))
        {
            position++;
        }

        if (Grammar.IsCharAt(s, position, '<') || Grammar.IsCharAt(s, position, '>'))
        {
            position++;
        }

        if (Grammar.IsCharAt(s, position, '='))
        {
            position++;
        }

        return JsString.IsWhitespaceAt(s, position) ? position : -1;
    }

    /// <summary>The end-position finders of the node-semver scanner.</summary>
    private sealed class Scanner(string s)
    {
        private int[]? _digitRunEnd;

        private int DigitsEnd(int start, int limit)
        {
            if (!Grammar.IsDigitAt(s, start))
            {
                return start;
            }

            _digitRunEnd ??= ComputeDigitRunEnds(s);
            return Math.Min(start + limit, _digitRunEnd[start]);
        }

        private static int[] ComputeDigitRunEnds(string s)
        {
            var ends = new int[s.Length + 1];
            ends[s.Length] = s.Length;
            for (int i = s.Length - 1; i >= 0; i--)
            {
                ends[i] = Grammar.IsDigit(s[i]) ? ends[i + 1] : i;
            }

            return ends;
        }

        private int VersionNumberEnd(int start, bool loose)
        {
            if (!loose && Grammar.IsCharAt(s, start, '0'))
            {
                return start + 1;
            }

            return DigitsEnd(start, loose ? Grammar.MaxDigits : Grammar.MaxDigits + 1);
        }

        private int PrereleaseIdentifierEnd(int start, bool loose)
        {
            int digitsEnd = DigitsEnd(start, Grammar.MaxDigits);
            if (digitsEnd < s.Length && Grammar.IsLetterOrHyphen(s[digitsEnd]))
            {
                int end = digitsEnd + 1;
                int limit = end + Grammar.MaxIdentifierChars;
                while (end < limit && end < s.Length && Grammar.IsIdentifierChar(s[end]))
                {
                    end++;
                }

                return end;
            }

            return VersionNumberEnd(start, loose);
        }

        private int PrereleaseEnd(int start, bool loose)
        {
            bool hyphen = Grammar.IsCharAt(s, start, '-');
            if (!loose && !hyphen)
            {
                return start;
            }

            int identifierStart = start + (hyphen ? 1 : 0);
            int end = PrereleaseIdentifierEnd(identifierStart, loose);
            if (end == identifierStart)
            {
                if (!loose || !hyphen)
                {
                    return start;
                }

                // In loose syntax a lone hyphen can itself be the identifier.
                end = PrereleaseIdentifierEnd(start, loose);
            }

            while (Grammar.IsCharAt(s, end, '.'))
            {
                int next = PrereleaseIdentifierEnd(end + 1, loose);
                if (next == end + 1)
                {
                    break;
                }

                end = next;
            }

            return end;
        }

        private int BuildIdentifierEnd(int start)
        {
            int end = start;
            while (end - start < Grammar.MaxIdentifierChars && end < s.Length && Grammar.IsIdentifierChar(s[end]))
            {
                end++;
            }

            return end;
        }

        private int BuildEnd(int start)
        {
            if (!Grammar.IsCharAt(s, start, '+'))
            {
                return start;
            }

            int end = BuildIdentifierEnd(start + 1);
            if (end == start + 1)
            {
                return start;
            }

            while (Grammar.IsCharAt(s, end, '.'))
            {
                int next = BuildIdentifierEnd(end + 1);
                if (next == end + 1)
                {
                    break;
                }

                end = next;
            }

            return end;
        }

        private int LooseFullVersionEnd(int start)
        {
            int end = start;
            for (int component = 0; component < 3; component++)
            {
                int next = VersionNumberEnd(end, loose: true);
                if (next == end)
                {
                    return start;
                }

                end = next;
                if (component < 2)
                {
                    if (!Grammar.IsCharAt(s, end, '.'))
                    {
                        return start;
                    }

                    end++;
                }
            }

            return BuildEnd(PrereleaseEnd(end, loose: true));
        }

        private int PartialComponentEnd(int start)
        {
            if (Grammar.IsDigitAt(s, start))
            {
                return VersionNumberEnd(start, loose: false);
            }

            return start < s.Length && Grammar.IsXChar(s[start]) ? start + 1 : start;
        }

        private int PartialVersionEnd(int start)
        {
            int end = PartialComponentEnd(start);
            for (int component = 0; component < 2; component++)
            {
                if (!Grammar.IsCharAt(s, end, '.'))
                {
                    return end;
                }

                int next = PartialComponentEnd(end + 1);
                if (next == end + 1)
                {
                    return end;
                }

                end = next;
            }

            return BuildEnd(PrereleaseEnd(end, loose: false));
        }

        public int VersionEnd(int start)
        {
            int fullEnd = LooseFullVersionEnd(start);
            return fullEnd != start ? fullEnd : PartialVersionEnd(start);
        }
    }
}
