using System.Diagnostics.CodeAnalysis;

namespace Vigil.Domain.Semver.Internal;

/// <summary>node-semver's <c>new Range(text, options)</c>: from text to sets of comparators.</summary>
internal static class RangeParser
{
    /// <summary>The longest range text Vigil reads (node-semver has no limit; see <see cref="NpmRange.MaxLength"/>).</summary>
    public const int MaxLength = 64 * 1024;

    public static bool TryParse(string text, SemverOptions options, out List<Comparator[]> sets, [NotNullWhen(false)] out string? error)
    {
        sets = [];
        if (text.Length > MaxLength)
        {
            error = $"range is longer than {MaxLength} characters";
            return false;
        }

        string raw = JsString.CollapseWhitespace(JsString.Trim(text));

        // Pieces repeat ("1.x || 2.x || 1.x"); each is parsed once, as node-semver's parse cache does.
        var parsed = new Dictionary<string, Comparator[]>(StringComparer.Ordinal);
        foreach (string piece in raw.Split("||"))
        {
            string trimmed = JsString.Trim(piece);
            if (!parsed.TryGetValue(trimmed, out var set))
            {
                if (!TryParsePiece(trimmed, options, out set, out error))
                {
                    return false;
                }

                parsed[trimmed] = set;
            }

            if (set.Length > 0)
            {
                sets.Add(set);
            }
        }

        if (sets.Count == 0)
        {
            error = $"Invalid SemVer Range: {raw}";
            return false;
        }

        if (sets.Count > 1)
        {
            DropNullSetsAndCollapseAny(sets);
        }

        error = null;
        return true;
    }

    private static void DropNullSetsAndCollapseAny(List<Comparator[]> sets)
    {
        var first = sets[0];
        sets.RemoveAll(set => set[0].IsNullSet);
        if (sets.Count == 0)
        {
            sets.Add(first);
            return;
        }

        if (sets.Count > 1)
        {
            var any = sets.Find(set => set.Length == 1 && set[0].Operator == ComparatorOperator.Any);
            if (any is not null)
            {
                sets.Clear();
                sets.Add(any);
            }
        }
    }

    /// <summary><c>Range.parseRange</c> for one <c>||</c>-separated piece.</summary>
    private static bool TryParsePiece(string range, SemverOptions options, out Comparator[] set, [NotNullWhen(false)] out string? error)
    {
        bool loose = (options & SemverOptions.Loose) != 0;
        bool includePrerelease = (options & SemverOptions.IncludePrerelease) != 0;
        set = [];

        range = RangeDesugar.StripBuild(range);
        range = RangeDesugar.ReplaceHyphen(range, loose, includePrerelease);
        range = ComparatorWhitespace.Trim(range);
        range = RangeDesugar.TrimTilde(range);
        range = RangeDesugar.TrimCaret(range);

        string joined = string.Join(' ', range.Split(' ').Select(c => RangeDesugar.ParseComparator(c, loose, includePrerelease)));
        var list = JsString.SplitOnWhitespace(joined).Select(c => RangeDesugar.ReplaceGreaterOrEqualZero(c, includePrerelease));
        if (loose)
        {
            list = list.Where(c => Syntax.TryMatchComparator(c, loose: true, out _, out _));
        }

        // node-semver builds every comparator (any invalid one throws) before it looks for the null set.
        var comparatorOptions = loose ? SemverOptions.Loose : SemverOptions.None;
        var comparators = new List<Comparator>();
        foreach (string comp in list)
        {
            if (!Comparator.TryParse(comp, comparatorOptions, out var comparator, out error))
            {
                return false;
            }

            comparators.Add(comparator);
        }

        // Keyed by printed value, in first-seen order, as node-semver's Map keeps them.
        var byValue = new List<Comparator>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var comparator in comparators)
        {
            if (comparator.IsNullSet)
            {
                set = [comparator];
                error = null;
                return true;
            }

            if (seen.Add(comparator.Value))
            {
                byValue.Add(comparator);
            }
        }

        if (byValue.Count > 1)
        {
            byValue.RemoveAll(c => c.Operator == ComparatorOperator.Any);
        }

        set = [.. byValue];
        error = null;
        return true;
    }
}
