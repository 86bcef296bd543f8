namespace Vigil.Domain.Semver.Internal;

/// <summary>Which of node-semver's version-shaped tokens to match.</summary>
internal enum PlainKind
{
    /// <summary><c>FULLPLAIN</c>: <c>v?</c>, three strict numbers, strict prerelease, build.</summary>
    Full,

    /// <summary><c>LOOSEPLAIN</c>: <c>[v=\s]*</c>, three loose numbers, loose prerelease, build.</summary>
    Loose,

    /// <summary><c>XRANGEPLAIN</c>: <c>[v=\s]*</c>, one to three strict numbers or x, strict prerelease, build.</summary>
    XRange,

    /// <summary><c>XRANGEPLAINLOOSE</c>: as <see cref="XRange"/> with loose numbers and prerelease.</summary>
    XRangeLoose,
}

/// <summary>The capture groups of a version-shaped token.</summary>
internal struct PlainMatch
{
    public int Start;
    public int End;
    public Span Major;
    public Span Minor;
    public Span Patch;
    public Span Prerelease;
    public Span Build;
}

/// <summary>
/// Matches a version-shaped token the way a backtracking engine matches node-semver's expression for it,
/// followed by whatever a continuation requires.
/// </summary>
/// <remarks>
/// The expressions are ambiguous in one place only: in loose mode the digits of the patch number may be split
/// between the patch and a prerelease (<c>1.2.34.5</c> is <c>1.2.3-4.5</c>); see <see cref="PatchAndTail"/>.
/// Everywhere else a shorter match would leave an identifier character or a dot
/// in front of the continuation, which every continuation used here rejects (they accept only whitespace or the
/// end of the input), so the greedy match is the only one that can succeed. The work is linear in the length of
/// the token.
/// </remarks>
internal static class PlainMatcher
{
    public static bool TryMatch<T>(string s, int i, PlainKind kind, T continuation, out PlainMatch match)
        where T : IContinuation
    {
        match = new PlainMatch { Start = i, Major = Span.None, Minor = Span.None, Patch = Span.None };
        bool loose = kind is PlainKind.Loose or PlainKind.XRangeLoose;
        bool xrange = kind is PlainKind.XRange or PlainKind.XRangeLoose;

        int p = kind == PlainKind.Full ? (Grammar.IsCharAt(s, i, 'v') ? i + 1 : i) : Grammar.VersionPrefix(s, i);
        int majorEnd = Component(s, p, loose, xrange);
        if (majorEnd < 0)
        {
            return false;
        }

        match.Major = new Span(p, majorEnd);
        if (MinorAndRest(s, majorEnd, loose, xrange, continuation, ref match))
        {
            return true;
        }

        if (!xrange)
        {
            return false;
        }

        match.Minor = match.Patch = match.Prerelease = match.Build = Span.None;
        return Finish(s, continuation, majorEnd, ref match);
    }

    private static bool MinorAndRest<T>(string s, int at, bool loose, bool xrange, T continuation, ref PlainMatch match)
        where T : IContinuation
    {
        if (!Grammar.IsCharAt(s, at, '.'))
        {
            return false;
        }

        int minorEnd = Component(s, at + 1, loose, xrange);
        if (minorEnd < 0)
        {
            return false;
        }

        match.Minor = new Span(at + 1, minorEnd);
        if (Grammar.IsCharAt(s, minorEnd, '.') && PatchAndTail(s, minorEnd + 1, loose, xrange, continuation, ref match))
        {
            return true;
        }

        if (!xrange)
        {
            return false;
        }

        match.Patch = match.Prerelease = match.Build = Span.None;
        return Finish(s, continuation, minorEnd, ref match);
    }

    private static bool PatchAndTail<T>(string s, int p, bool loose, bool xrange, T continuation, ref PlainMatch match)
        where T : IContinuation
    {
        if (xrange && p < s.Length && Grammar.IsXChar(s[p]))
        {
            match.Patch = new Span(p, p + 1);
            return Tail(s, p + 1, loose, continuation, ref match);
        }

        int end = Grammar.Number(s, p, loose);
        if (end < 0)
        {
            return false;
        }

        match.Patch = new Span(p, end);
        if (Tail(s, end, loose, continuation, ref match))
        {
            return true;
        }

        // A strict number cannot give digits back: its prerelease would have to start with '-'. A loose one can:
        // the engine retries with ever shorter patches, the digits given back starting the prerelease. Those
        // retries all share the end of the first prerelease identifier (the end of its run of identifier
        // characters) and so the same outcome, except that a retry fails at once when the identifier grows
        // too long; and it only grows as the patch shrinks. So the longest retry decides for all of them.
        if (!loose || end - p < 2)
        {
            return false;
        }

        match.Patch = new Span(p, end - 1);
        return Tail(s, end - 1, loose, continuation, ref match);
    }

    /// <summary>The optional prerelease and build after the patch, then the continuation.</summary>
    private static bool Tail<T>(string s, int t, bool loose, T continuation, ref PlainMatch match)
        where T : IContinuation
    {
        bool hyphen = Grammar.IsCharAt(s, t, '-');
        if (hyphen && TryPrerelease(s, t + 1, loose, continuation, ref match))
        {
            return true;
        }

        // Loose prereleases may omit the hyphen, and then a leading '-' is part of the first identifier.
        if (loose && TryPrerelease(s, t, loose, continuation, ref match))
        {
            return true;
        }

        match.Prerelease = Span.None;
        return BuildThenContinue(s, t, continuation, ref match);
    }

    private static bool TryPrerelease<T>(string s, int start, bool loose, T continuation, ref PlainMatch match)
        where T : IContinuation
    {
        int end = Grammar.PrereleaseList(s, start, loose);
        if (end < 0)
        {
            return false;
        }

        match.Prerelease = new Span(start, end);
        return BuildThenContinue(s, end, continuation, ref match);
    }

    private static bool BuildThenContinue<T>(string s, int t, T continuation, ref PlainMatch match)
        where T : IContinuation
    {
        if (Grammar.IsCharAt(s, t, '+'))
        {
            int end = Grammar.BuildList(s, t + 1);
            if (end >= 0)
            {
                match.Build = new Span(t + 1, end);
                if (Finish(s, continuation, end, ref match))
                {
                    return true;
                }
            }
        }

        match.Build = Span.None;
        return Finish(s, continuation, t, ref match);
    }

    private static bool Finish<T>(string s, T continuation, int end, ref PlainMatch match)
        where T : IContinuation
    {
        match.End = end;
        return continuation.Accepts(s, end);
    }

    /// <summary>One version component: a number, or when matching an x-range also <c>x</c>, <c>X</c> or <c>*</c>.</summary>
    private static int Component(string s, int p, bool loose, bool xrange)
    {
        if (xrange && p < s.Length && Grammar.IsXChar(s[p]))
        {
            return p + 1;
        }

        int end = Grammar.Number(s, p, loose);
        return end;
    }
}
