using System.Globalization;
using System.Numerics;
using System.Text;

namespace Vigil.Domain.Semver.Internal;

/// <summary>
/// The few JavaScript string and number semantics that node-semver's behaviour depends on:
/// the <c>\s</c> class, <c>trim()</c>, <c>split(/\s+/)</c>, <c>+text</c> and <c>Number.prototype.toString()</c>.
/// </summary>
internal static class JsString
{
    /// <summary>ECMAScript's <c>\s</c>: WhiteSpace and LineTerminator code units (not .NET's <c>\s</c>).</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' => true,
        >= '\u2000' and <= '\u200a' => true,
        '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        _ => false,
    };

    /// <summary>Whether position <paramref name="i"/> of <paramref name="s"/> is whitespace (false past the end).</summary>
    public static bool IsWhitespaceAt(string s, int i) => (uint)i < (uint)s.Length && IsWhitespace(s[i]);

    /// <summary>Whether the text contains any <c>\s</c> character.</summary>
    public static bool HasWhitespace(string s)
    {
        foreach (char c in s)
        {
            if (IsWhitespace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>String.prototype.trim()</c>.</summary>
    public static string Trim(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsWhitespace(s[start]))
        {
            start++;
        }

        while (end > start && IsWhitespace(s[end - 1]))
        {
            end--;
        }

        return start == 0 && end == s.Length ? s : s[start..end];
    }

    /// <summary><c>s.replace(/\s+/g, ' ')</c>.</summary>
    public static string CollapseWhitespace(string s)
    {
        StringBuilder? sb = null;
        int i = 0, copied = 0;
        while (i < s.Length)
        {
            if (!IsWhitespace(s[i]))
            {
                i++;
                continue;
            }

            int runEnd = i + 1;
            while (runEnd < s.Length && IsWhitespace(s[runEnd]))
            {
                runEnd++;
            }

            if (runEnd - i > 1 || s[i] != ' ')
            {
                sb ??= new StringBuilder(s.Length);
                sb.Append(s, copied, i - copied).Append(' ');
                copied = runEnd;
            }

            i = runEnd;
        }

        return sb is null ? s : sb.Append(s, copied, s.Length - copied).ToString();
    }

    /// <summary><c>s.split(/\s+/)</c>: empty strings appear where the text starts or ends with whitespace.</summary>
    public static List<string> SplitOnWhitespace(string s)
    {
        var parts = new List<string>();
        int start = 0, i = 0;
        while (i < s.Length)
        {
            if (!IsWhitespace(s[i]))
            {
                i++;
                continue;
            }

            parts.Add(s[start..i]);
            while (i < s.Length && IsWhitespace(s[i]))
            {
                i++;
            }

            start = i;
        }

        parts.Add(s[start..]);
        return parts;
    }

    /// <summary><c>+digits</c>: the nearest double to a string of ASCII digits, as JavaScript computes it.</summary>
    public static double DigitsToNumber(ReadOnlySpan<char> digits) =>
        double.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary><c>Number.prototype.toString()</c> for a non-negative integral double.</summary>
    public static string NumberToString(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "Infinity";
        }

        if (value < 1e21)
        {
            return value < 1e15
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : new BigInteger(value).ToString(CultureInfo.InvariantCulture);
        }

        // JavaScript writes the shortest round-trip digits as d.ddde+N; .NET writes d.dddE+N.
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        return r.Replace("E+", "e+", StringComparison.Ordinal);
    }

    /// <summary><c>String(+digits + 1)</c>: the text node-semver writes when it bumps a component.</summary>
    public static string Increment(string digits) => NumberToString(DigitsToNumber(digits) + 1);
}
