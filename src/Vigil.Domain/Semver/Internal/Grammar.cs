namespace Vigil.Domain.Semver.Internal;

/// <summary>
/// Character classes and the bounded token scanners of node-semver's "safe" regular expressions
/// (<c>internal/re.js</c>), written as plain loops so that no input can make them backtrack.
/// </summary>
/// <remarks>
/// node-semver rewrites <c>\d*</c>/<c>\d+</c> to at most 256 digits and <c>[a-zA-Z0-9-]*</c>/<c>+</c> to at most
/// 250 characters. Those bounds decide some answers on long inputs, so the scanners keep them.
/// Every scanner returns an exclusive end position, or -1 when the token does not match.
/// </remarks>
internal static class Grammar
{
    /// <summary>The longest version string node-semver accepts.</summary>
    public const int MaxVersionLength = 256;

    /// <summary>The bound node-semver puts on <c>\d</c> repetitions.</summary>
    public const int MaxDigits = 256;

    /// <summary>The bound node-semver puts on <c>[a-zA-Z0-9-]</c> repetitions (MAX_LENGTH - 6).</summary>
    public const int MaxIdentifierChars = 250;

    /// <summary>Number.MAX_SAFE_INTEGER.</summary>
    public const long MaxSafeInteger = 9007199254740991;

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsLetterOrHyphen(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '-';

    public static bool IsIdentifierChar(char c) => IsDigit(c) || IsLetterOrHyphen(c);

    public static bool IsDigitAt(string s, int i) => (uint)i < (uint)s.Length && IsDigit(s[i]);

    public static bool IsCharAt(string s, int i, char c) => (uint)i < (uint)s.Length && s[i] == c;

    public static bool IsXChar(char c) => c is 'x' or 'X' or '*';

    /// <summary>The length of the run of ASCII digits starting at <paramref name="i"/>.</summary>
    public static int DigitRun(string s, int i)
    {
        int end = i;
        while (end < s.Length && IsDigit(s[end]))
        {
            end++;
        }

        return end - i;
    }

    /// <summary>The length of the run of <c>[a-zA-Z0-9-]</c> starting at <paramref name="i"/>.</summary>
    public static int IdentifierRun(string s, int i)
    {
        int end = i;
        while (end < s.Length && IsIdentifierChar(s[end]))
        {
            end++;
        }

        return end - i;
    }

    /// <summary>
    /// <c>NUMERICIDENTIFIER</c> (<c>0|[1-9]\d{0,256}</c>) or, when loose, <c>\d{1,256}</c>, as the greedy
    /// match the regular expression engine tries first.
    /// </summary>
    public static int Number(string s, int i, bool loose)
    {
        int run = DigitRun(s, i);
        if (run == 0)
        {
            return -1;
        }

        if (loose)
        {
            return i + Math.Min(run, MaxDigits);
        }

        return s[i] == '0' ? i + 1 : i + Math.Min(run, MaxDigits + 1);
    }

    /// <summary>
    /// One prerelease identifier: <c>\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}</c>, else a numeric identifier.
    /// In every place node-semver uses it, a match that stops inside a run of identifier characters makes the
    /// whole expression fail, so only whole runs count.
    /// </summary>
    public static int PrereleaseIdentifier(string s, int i, bool loose)
    {
        int run = IdentifierRun(s, i);
        if (run == 0)
        {
            return -1;
        }

        int digits = DigitRun(s, i);
        if (digits < run)
        {
            return digits <= MaxDigits && run - digits - 1 <= MaxIdentifierChars ? i + run : -1;
        }

        return Number(s, i, loose) == i + run ? i + run : -1;
    }

    /// <summary>One build identifier: <c>[a-zA-Z0-9-]{1,250}</c>, as a whole run.</summary>
    public static int BuildIdentifier(string s, int i)
    {
        int run = IdentifierRun(s, i);
        return run is > 0 and <= MaxIdentifierChars ? i + run : -1;
    }

    /// <summary><c>ID(?:\.ID)*</c> for prerelease identifiers: the end of the longest list, or -1.</summary>
    public static int PrereleaseList(string s, int i, bool loose)
    {
        int end = PrereleaseIdentifier(s, i, loose);
        if (end < 0)
        {
            return -1;
        }

        while (IsCharAt(s, end, '.'))
        {
            int next = PrereleaseIdentifier(s, end + 1, loose);
            if (next < 0)
            {
                break;
            }

            end = next;
        }

        return end;
    }

    /// <summary><c>ID(?:\.ID)*</c> for build identifiers: the end of the longest list, or -1.</summary>
    public static int BuildList(string s, int i)
    {
        int end = BuildIdentifier(s, i);
        if (end < 0)
        {
            return -1;
        }

        while (IsCharAt(s, end, '.'))
        {
            int next = BuildIdentifier(s, end + 1);
            if (next < 0)
            {
                break;
            }

            end = next;
        }

        return end;
    }

    /// <summary>The end of a run of <c>[v=\s]</c> (the prefix loose versions and x-ranges allow).</summary>
    public static int VersionPrefix(string s, int i)
    {
        while (i < s.Length && (s[i] == 'v' || s[i] == '=' || JsString.IsWhitespace(s[i])))
        {
            i++;
        }

        return i;
    }

    /// <summary><c>((?:&lt;|&gt;)?=?)</c>: the greedy operator match.</summary>
    public static int Operator(string s, int i)
    {
        if (IsCharAt(s, i, '<') || IsCharAt(s, i, '>'))
        {
            i++;
        }

        if (IsCharAt(s, i, '='))
        {
            i++;
        }

        return i;
    }
}
