namespace Vigil.Domain.Semver.Internal;

/// <summary>
/// node-semver's anchored expressions (<c>COMPARATOR</c>, <c>XRANGE</c>, <c>TILDE</c>, <c>CARET</c>,
/// <c>HYPHENRANGE</c> and their loose forms) as matchers that return the same capture groups.
/// </summary>
internal static class Syntax
{
    /// <summary>The groups of <c>XRANGE</c>, <c>TILDE</c> and <c>CARET</c>: operator, major, minor, patch, prerelease.</summary>
    internal readonly record struct XRangeGroups(string Operator, string? Major, string? Minor, string? Patch, string? Prerelease);

    /// <summary><c>^((?:&lt;|&gt;)?=?)\s?(FULLPLAIN|LOOSEPLAIN)$|^$</c>.</summary>
    public static bool TryMatchComparator(string comp, bool loose, out string op, out string? version)
    {
        int i = Grammar.Operator(comp, 0);
        int j = JsString.IsWhitespaceAt(comp, i) ? i + 1 : i;
        if (PlainMatcher.TryMatch(comp, j, loose ? PlainKind.Loose : PlainKind.Full, default(AtEnd), out _))
        {
            op = comp[..i];
            version = comp[j..];
            return true;
        }

        op = string.Empty;
        version = null;
        return comp.Length == 0;
    }

    /// <summary><c>^((?:&lt;|&gt;)?=?)\s?XRANGEPLAIN$</c>.</summary>
    public static bool TryMatchXRange(string comp, bool loose, out XRangeGroups groups)
    {
        int i = Grammar.Operator(comp, 0);
        int j = JsString.IsWhitespaceAt(comp, i) ? i + 1 : i;
        return TryMatchPlainToEnd(comp, j, comp[..i], loose, out groups);
    }

    /// <summary><c>^~&gt;?XRANGEPLAIN$</c>.</summary>
    public static bool TryMatchTilde(string comp, bool loose, out XRangeGroups groups)
    {
        groups = default;
        if (!Grammar.IsCharAt(comp, 0, '~'))
        {
            return false;
        }

        int j = Grammar.IsCharAt(comp, 1, '>') ? 2 : 1;
        return TryMatchPlainToEnd(comp, j, string.Empty, loose, out groups);
    }

    /// <summary><c>^\^XRANGEPLAIN$</c>.</summary>
    public static bool TryMatchCaret(string comp, bool loose, out XRangeGroups groups)
    {
        groups = default;
        return Grammar.IsCharAt(comp, 0, '^') && TryMatchPlainToEnd(comp, 1, string.Empty, loose, out groups);
    }

    private static bool TryMatchPlainToEnd(string comp, int start, string op, bool loose, out XRangeGroups groups)
    {
        if (PlainMatcher.TryMatch(comp, start, loose ? PlainKind.XRangeLoose : PlainKind.XRange, default(AtEnd), out var m))
        {
            groups = new XRangeGroups(op, m.Major.Text(comp), m.Minor.Text(comp), m.Patch.Text(comp), m.Prerelease.Text(comp));
            return true;
        }

        groups = default;
        return false;
    }

    /// <summary>The groups of <c>HYPHENRANGE</c>: the whole "from" and "to" tokens and their parts.</summary>
    internal readonly record struct HyphenGroups(string From, XRangeGroups FromParts, string To, XRangeGroups ToParts);

    /// <summary><c>^\s?(XRANGEPLAIN)\s-\s(XRANGEPLAIN)\s?$</c>.</summary>
    public static bool TryMatchHyphen(string range, bool loose, out HyphenGroups groups)
    {
        var kind = loose ? PlainKind.XRangeLoose : PlainKind.XRange;
        int start = JsString.IsWhitespaceAt(range, 0) ? 1 : 0;
        var rest = new HyphenRest(kind);
        if (!PlainMatcher.TryMatch(range, start, kind, rest, out var from))
        {
            groups = default;
            return false;
        }

        var to = rest.To;
        groups = new HyphenGroups(
            range[from.Start..from.End], Parts(range, from),
            range[to.Start..to.End], Parts(range, to));
        return true;
    }

    /// <summary>What follows the "from" token: <c>\s-\s(XRANGEPLAIN)\s?$</c>; keeps the "to" token it matched.</summary>
    private sealed class HyphenRest(PlainKind kind) : IContinuation
    {
        public PlainMatch To;

        public bool Accepts(string s, int end) =>
            JsString.IsWhitespaceAt(s, end) && Grammar.IsCharAt(s, end + 1, '-') && JsString.IsWhitespaceAt(s, end + 2) &&
            PlainMatcher.TryMatch(s, end + 3, kind, default(EndAfterOptionalSpace), out To);
    }

    /// <summary><c>\s?$</c>.</summary>
    private readonly struct EndAfterOptionalSpace : IContinuation
    {
        public bool Accepts(string s, int end) => end == s.Length || (JsString.IsWhitespaceAt(s, end) && end + 1 == s.Length);
    }

    private static XRangeGroups Parts(string s, PlainMatch m) =>
        new(string.Empty, m.Major.Text(s), m.Minor.Text(s), m.Patch.Text(s), m.Prerelease.Text(s));
}
