namespace Vigil.Advisories.Nswg;

/// <summary>What a rule knows about the record it checks, and where it reports findings.</summary>
public sealed class NswgRuleContext
{
    private readonly List<NswgFinding> _findings;

    internal NswgRuleContext(string source, string ruleId, List<NswgFinding> findings)
    {
        Source = source;
        RuleId = ruleId;
        _findings = findings;
    }

    /// <summary>The file the record came from, as the caller named it, e.g. <c>npm/42.json</c>.</summary>
    public string Source { get; }

    /// <summary>The id of the rule being run.</summary>
    public string RuleId { get; }

    /// <summary>The number N when the file is named <c>N.json</c>; otherwise null.</summary>
    public long? FileNumber => NswgPath.FileNumber(Source);

    /// <summary>Reports a problem with <paramref name="field"/> (JSON path form, e.g. <c>cves[0]</c>).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public void Report(string field, string message)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        _findings.Add(new NswgFinding(Source, field, message, RuleId));
    }
}
