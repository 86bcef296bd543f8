namespace Vigil.Advisories.Nswg.Rules;

/// <summary>
/// What the WG requires of a deps record. There is no Joi model for deps; the WG's index generator
/// (<c>tools/create_index/create_deps_index.js</c>) and VEX generator refuse a record whose <c>reason</c>
/// is missing or is not an OpenVEX v0.2.0 justification.
/// </summary>
internal static class DepsRules
{
    public static readonly IReadOnlyList<string> Justifications =
    [
        "component_not_present", "vulnerable_code_not_present", "vulnerable_code_not_in_execute_path",
        "vulnerable_code_cannot_be_controlled_by_adversary", "inline_mitigations_already_exist",
    ];

    public static IEnumerable<INswgRule> All => [NswgRule.Create<NswgDepsRecord>("wg/deps/reason", Reason)];

    private static void Reason(NswgDepsRecord r, NswgRuleContext c)
    {
        if (string.IsNullOrEmpty(r.Reason))
        {
            c.Report("reason", "is required: an OpenVEX justification such as vulnerable_code_not_in_execute_path");
        }
        else if (!Justifications.Contains(r.Reason))
        {
            c.Report("reason", $"{SchemaChecks.Show(r.Reason)} is not an OpenVEX justification ({string.Join(", ", Justifications)})");
        }
    }
}
