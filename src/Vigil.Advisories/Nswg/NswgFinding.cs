namespace Vigil.Advisories.Nswg;

/// <summary>
/// One problem found by <see cref="NswgValidator"/>: <c>npm/42.json: cves[0]: 'CVE-2019-123' is not a CVE id (CVE-YYYY-NNNN+)</c>.
/// </summary>
/// <param name="Source">The file the record came from, as the caller named it.</param>
/// <param name="Field">The member, in JSON path form: <c>title</c>, <c>cves[0]</c>, <c>author.name</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="RuleId">The rule that found it: ids starting with <c>wg/</c> are the WG's own CI checks, the others are Vigil's.</param>
public sealed record NswgFinding(string Source, string Field, string Message, string RuleId)
{
    /// <summary><c>source: field: message</c>.</summary>
    public override string ToString() => $"{Source}: {Field}: {Message}";
}
