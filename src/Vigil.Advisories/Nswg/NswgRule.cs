namespace Vigil.Advisories.Nswg;

/// <summary>Turns functions into <see cref="INswgRule"/>s.</summary>
public static class NswgRule
{
    /// <summary>
    /// A rule that runs <paramref name="check"/> on records of type <typeparamref name="TRecord"/> and ignores the others.
    /// For example, a rule that npm ranges parse: <c>NswgRule.Create&lt;NswgNpmRecord&gt;("vigil/npm/semver", (r, c) => ...)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static INswgRule Create<TRecord>(string id, Action<TRecord, NswgRuleContext> check)
        where TRecord : NswgRecord
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(check);
        return new FunctionRule<TRecord>(id, check);
    }

    private sealed class FunctionRule<TRecord>(string id, Action<TRecord, NswgRuleContext> check) : INswgRule
        where TRecord : NswgRecord
    {
        public string Id { get; } = id;

        public void Check(NswgRecord record, NswgRuleContext context)
        {
            if (record is TRecord typed)
            {
                check(typed, context);
            }
        }

        public override string ToString() => Id;
    }
}
