using Vigil.Lockfiles;

namespace Vigil.Signing.Verification;

/// <summary>
/// One kind of verification of a resolved package (the lockfile policy, registry signatures, provenance, tarballs,
/// author signatures). <see cref="PackageChecks"/> lists them; <c>vigil verify</c> runs the ones that apply.
/// </summary>
public interface IPackageCheck
{
    /// <summary>The check's name in reports and in <c>--require</c>: lower case, one word (<c>policy</c>, <c>signatures</c>).</summary>
    string Name { get; }

    /// <summary>True when this run should include the check (some run only when asked for, like tarballs).</summary>
    bool AppliesTo(VerifyContext context);

    /// <summary>
    /// Checks <paramref name="package"/>. Never throws for anything the lockfile, the registry or the network did:
    /// that is an <see cref="CheckOutcome.Invalid"/> or <see cref="CheckOutcome.NotVerifiable"/> result with its reason.
    /// </summary>
    ValueTask<CheckResult> CheckAsync(ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken);
}
