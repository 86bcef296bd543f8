namespace Vigil.Domain.Semver;

/// <summary>
/// Relations between ranges, comparators and versions, as node-semver's <c>intersects</c>, <c>gtr</c> and
/// <c>ltr</c> compute them.
/// </summary>
public static class RangeRelations
{
    /// <summary>Whether some version could satisfy both ranges (<c>r1.intersects(r2, options)</c>).</summary>
    public static bool Intersects(NpmRange first, NpmRange second, SemverOptions options)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.Sets.Any(a => IsSatisfiable(a, options) &&
            second.Sets.Any(b => IsSatisfiable(b, options) && a.All(x => b.All(y => Intersects(x, y, options)))));
    }

    private static bool IsSatisfiable(IReadOnlyList<Comparator> comparators, SemverOptions options)
    {
        var remaining = comparators.ToList();
        var test = Pop(remaining);
        bool result = true;
        while (result && remaining.Count > 0)
        {
            result = remaining.All(other => Intersects(test!, other, options));
            test = Pop(remaining);
        }

        return result;
    }

    private static Comparator? Pop(List<Comparator> list)
    {
        if (list.Count == 0)
        {
            return null;
        }

        var last = list[^1];
        list.RemoveAt(list.Count - 1);
        return last;
    }

    /// <summary>Whether two comparators can both hold (<c>comparator.intersects(other, options)</c>).</summary>
    public static bool Intersects(Comparator a, Comparator b, SemverOptions options)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Operator is ComparatorOperator.Any or ComparatorOperator.Equal)
        {
            return a.Operator == ComparatorOperator.Any ||
                (NpmRange.TryParse(b.Value, options, out var range, out _) && range.IsSatisfiedBy(a.Value));
        }

        if (b.Operator is ComparatorOperator.Any or ComparatorOperator.Equal)
        {
            return b.Operator == ComparatorOperator.Any ||
                (NpmRange.TryParse(a.Value, options, out var range, out _) && range.IsSatisfiedBy(b.Version!));
        }

        bool includePrerelease = (options & SemverOptions.IncludePrerelease) != 0;
        if (includePrerelease ? a.IsNullSet || b.IsNullSet
            : a.Value.StartsWith("<0.0.0", StringComparison.Ordinal) || b.Value.StartsWith("<0.0.0", StringComparison.Ordinal))
        {
            return false;
        }

        bool aUp = IsUpward(a.Operator), bUp = IsUpward(b.Operator);
        if (aUp == bUp)
        {
            return true;
        }

        var av = a.Version!;
        var bv = b.Version!;
        if (av.ToString() == bv.ToString() && IsInclusive(a.Operator) && IsInclusive(b.Operator))
        {
            return true;
        }

        return aUp ? av.CompareTo(bv) < 0 : av.CompareTo(bv) > 0;
    }

    private static bool IsUpward(ComparatorOperator op) => op is ComparatorOperator.Greater or ComparatorOperator.GreaterOrEqual;

    private static bool IsInclusive(ComparatorOperator op) => op is ComparatorOperator.GreaterOrEqual or ComparatorOperator.LessOrEqual;

    /// <summary>Whether the version is above every version the range admits (<c>gtr</c>).</summary>
    public static bool IsGreaterThanRange(NpmVersion version, NpmRange range) => Outside(version, range, high: true);

    /// <summary>Whether the version is below every version the range admits (<c>ltr</c>).</summary>
    public static bool IsLessThanRange(NpmVersion version, NpmRange range) => Outside(version, range, high: false);

    private static bool Outside(NpmVersion version, NpmRange range, bool high)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(range);
        if (range.IsSatisfiedBy(version))
        {
            return false;
        }

        var comp = high ? ComparatorOperator.Greater : ComparatorOperator.Less;
        var ecomp = high ? ComparatorOperator.GreaterOrEqual : ComparatorOperator.LessOrEqual;
        int direction = high ? 1 : -1;
        var zero = Comparator.Create(ComparatorOperator.GreaterOrEqual, NpmVersion.Parse("0.0.0"));
        foreach (var set in range.Sets)
        {
            Comparator? hi = null, lo = null;
            foreach (var original in set)
            {
                var c = original.Operator == ComparatorOperator.Any ? zero : original;
                hi ??= c;
                lo ??= c;
                if (direction * c.Version!.CompareTo(hi.Version) > 0)
                {
                    hi = c;
                }
                else if (direction * c.Version.CompareTo(lo.Version) < 0)
                {
                    lo = c;
                }
            }

            if (hi!.Operator == comp || hi.Operator == ecomp)
            {
                return false;
            }

            int versusLow = direction * version.CompareTo(lo!.Version);
            bool loHasNoOperator = lo.Operator is ComparatorOperator.Equal or ComparatorOperator.Any;
            if ((loHasNoOperator || lo.Operator == comp) && versusLow <= 0)
            {
                return false;
            }

            if (lo.Operator == ecomp && versusLow < 0)
            {
                return false;
            }
        }

        return true;
    }
}
