using Vigil.Lockfiles;
using Vigil.Signing.Verification;

namespace Vigil.Cli.Commands.Verify;

/// <summary>One package's results: each check's, and the verdict.</summary>
/// <param name="Package">The package.</param>
/// <param name="Results">The checks' results, in <see cref="PackageChecks.All"/> order.</param>
/// <param name="FromRegistry">False for a dependency the lockfile does not take from a registry (git, file, link, tarball URL).</param>
sealed record PackageResult(ResolvedPackage Package, IReadOnlyList<CheckResult> Results, bool FromRegistry)
{
    public CheckOutcome Verdict { get; } = PackageVerdict.Of([.. Results]);
}

/// <summary>What one <c>vigil verify</c> run found.</summary>
sealed record VerifyReport(Lockfile Lockfile, VerifyOptions Options, IReadOnlyList<string> Checks, IReadOnlyList<PackageResult> Packages)
{
    public static readonly CheckOutcome[] Outcomes = [CheckOutcome.Verified, CheckOutcome.Unsigned, CheckOutcome.Invalid, CheckOutcome.NotVerifiable];

    /// <summary>How many packages end in each verdict.</summary>
    public int Count(CheckOutcome outcome) => Packages.Count(p => p.Verdict == outcome);

    /// <summary>How many packages a check ended in <paramref name="outcome"/> for.</summary>
    public int Count(string check, CheckOutcome outcome) => Packages.Count(p => p.Results.Any(r => r.Check == check && r.Outcome == outcome));

    /// <summary>Packages for which a <c>--require</c>d check is not verified, by check.</summary>
    public IReadOnlyList<(string Check, int Packages)> RequiredFailures() =>
        [.. Options.Required.Order(StringComparer.Ordinal)
            .Select(check => (check, Packages.Count(p => !p.Results.Any(r => r.Check == check && r.Outcome == CheckOutcome.Verified))))
            .Where(f => f.Item2 > 0)];

    /// <summary>True when the run fails: a package is invalid, or a required check is not verified for some package.</summary>
    public bool Fails => Count(CheckOutcome.Invalid) > 0 || RequiredFailures().Count > 0;

    public static string Text(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Verified => "verified",
        CheckOutcome.Unsigned => "unsigned",
        CheckOutcome.Invalid => "invalid",
        _ => "not-verifiable",
    };
}
