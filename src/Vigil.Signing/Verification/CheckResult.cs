namespace Vigil.Signing.Verification;

/// <summary>The outcome of one check for one package.</summary>
/// <param name="Check">The check's name (<see cref="IPackageCheck.Name"/>).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why, in one sentence for a person; null only for <see cref="CheckOutcome.Verified"/> with nothing to add.</param>
public sealed record CheckResult(string Check, CheckOutcome Outcome, string? Reason = null)
{
    /// <summary>Facts a check reports beside its outcome (provenance: source repository, workflow), in order; usually empty.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];
}
