using Vigil.Signing.Verification;

namespace Vigil.Signing.Provenance;

/// <summary>Raised inside provenance verification with the outcome it means; caught by the check and made its result.</summary>
internal sealed class ProvenanceException(CheckOutcome outcome, string reason) : Exception(reason)
{
    /// <summary>The outcome (<see cref="CheckOutcome.Invalid"/> for a mismatch, <see cref="CheckOutcome.NotVerifiable"/> when it cannot be judged).</summary>
    public CheckOutcome Outcome { get; } = outcome;

    public static ProvenanceException Invalid(string reason) => new(CheckOutcome.Invalid, reason);

    public static ProvenanceException NotVerifiable(string reason) => new(CheckOutcome.NotVerifiable, reason);
}
