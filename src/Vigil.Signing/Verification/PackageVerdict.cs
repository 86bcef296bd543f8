namespace Vigil.Signing.Verification;

/// <summary>The one outcome a package ends in, from the outcomes of its checks.</summary>
public static class PackageVerdict
{
    /// <summary>
    /// The worst of the checks' outcomes: invalid, then not verifiable, then unsigned, then verified. A package is
    /// verified only when every check that ran verified it, and a package no check looked at is not verifiable.
    /// </summary>
    public static CheckOutcome Of(IReadOnlyCollection<CheckResult> results)
    {
        if (results.Count == 0)
        {
            return CheckOutcome.NotVerifiable;
        }

        var worst = CheckOutcome.Verified;
        foreach (var result in results)
        {
            if (Rank(result.Outcome) > Rank(worst))
            {
                worst = result.Outcome;
            }
        }

        return worst;
    }

    private static int Rank(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Verified => 0,
        CheckOutcome.Unsigned => 1,
        CheckOutcome.NotVerifiable => 2,
        _ => 3,
    };
}
