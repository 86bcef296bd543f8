using System.Collections.Immutable;

namespace Vigil.Advisories.Nswg;

/// <summary>
/// Checks records against a list of small rules and reports findings as <c>file: field: message</c>.
/// <see cref="Default"/> runs the WG's CI schema (<see cref="NswgRules.WgSchema"/>), Vigil's consistency checks
/// (<see cref="NswgRules.Consistency"/>) and its checks of ranges and CVSS scores (<see cref="NswgRules.Content"/>).
/// Add rules with <see cref="With(IEnumerable{INswgRule})"/>.
/// </summary>
public sealed class NswgValidator
{
    /// <summary>A validator running <paramref name="rules"/> in order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is null.</exception>
    public NswgValidator(IEnumerable<INswgRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToImmutableArray();
        if (list.Any(rule => rule is null))
        {
            throw new ArgumentNullException(nameof(rules), "A rule is null.");
        }

        Rules = list;
    }

    /// <summary>The WG's CI schema rules followed by Vigil's consistency and content rules.</summary>
    public static NswgValidator Default { get; } = new([.. NswgRules.WgSchema, .. NswgRules.Consistency, .. NswgRules.Content]);

    /// <summary>The rules, in the order they run.</summary>
    public IReadOnlyList<INswgRule> Rules { get; }

    /// <summary>A new validator with this one's rules followed by <paramref name="rules"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or one of them is null.</exception>
    public NswgValidator With(params IEnumerable<INswgRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new NswgValidator([.. Rules, .. rules]);
    }

    /// <summary>
    /// Every finding of every rule for <paramref name="record"/>, read from <paramref name="sourceName"/>
    /// (used in the findings, and for the file number, e.g. <c>npm/42.json</c>). Empty when the record is clean.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IReadOnlyList<NswgFinding> Validate(NswgRecord record, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(sourceName);
        var findings = new List<NswgFinding>();
        foreach (var rule in Rules)
        {
            rule.Check(record, new NswgRuleContext(sourceName, rule.Id, findings));
        }

        return findings;
    }
}
