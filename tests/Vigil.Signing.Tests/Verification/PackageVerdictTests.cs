using Vigil.Signing.Verification;

namespace Vigil.Signing.Tests.Verification;

public class PackageVerdictTests
{
    private static CheckResult R(CheckOutcome outcome) => new("x", outcome, "why");

    [Theory]
    [InlineData(CheckOutcome.Verified, CheckOutcome.Verified, CheckOutcome.Verified)]
    [InlineData(CheckOutcome.Verified, CheckOutcome.Unsigned, CheckOutcome.Unsigned)]
    [InlineData(CheckOutcome.Unsigned, CheckOutcome.NotVerifiable, CheckOutcome.NotVerifiable)]
    [InlineData(CheckOutcome.NotVerifiable, CheckOutcome.Invalid, CheckOutcome.Invalid)]
    [InlineData(CheckOutcome.Invalid, CheckOutcome.Verified, CheckOutcome.Invalid)]
    public void The_worst_outcome_wins(CheckOutcome a, CheckOutcome b, CheckOutcome expected) =>
        Assert.Equal(expected, PackageVerdict.Of([R(a), R(b)]));

    [Fact]
    public void A_package_no_check_looked_at_is_not_verifiable() =>
        Assert.Equal(CheckOutcome.NotVerifiable, PackageVerdict.Of([]));
}
