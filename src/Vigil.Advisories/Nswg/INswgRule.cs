namespace Vigil.Advisories.Nswg;

/// <summary>
/// One validation rule. Add rules to a validator with <see cref="NswgValidator.With(IEnumerable{INswgRule})"/>;
/// <see cref="NswgRule.Create{TRecord}(string, Action{TRecord, NswgRuleContext})"/> turns a function into a rule.
/// A rule reports problems through the context and must not throw on any record the reader can produce.
/// </summary>
public interface INswgRule
{
    /// <summary>A stable id, e.g. <c>wg/npm/title</c>; it is copied into every finding the rule reports.</summary>
    string Id { get; }

    /// <summary>Checks one record and reports what is wrong with <see cref="NswgRuleContext.Report"/>.</summary>
    void Check(NswgRecord record, NswgRuleContext context);
}
