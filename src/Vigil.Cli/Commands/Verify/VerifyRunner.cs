using Vigil.Lockfiles;
using Vigil.Signing.Verification;

namespace Vigil.Cli.Commands.Verify;

/// <summary>Runs every applying check on every package, a bounded number of packages at a time.</summary>
static class VerifyRunner
{
    /// <summary>Packages checked at once over the network (the checks wait on it, not on the processor).</summary>
    public const int Parallelism = 16;

    public static async Task<VerifyReport> RunAsync(Lockfile lockfile, VerifyContext context, CancellationToken cancellationToken)
    {
        var checks = PackageChecks.All.Where(c => c.AppliesTo(context)).ToList();
        var results = new PackageResult[lockfile.Packages.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, lockfile.Packages.Length),
            new ParallelOptions
            {
                // Offline, the work is the processor's (signature verification): one package per core.
                MaxDegreeOfParallelism = context.Options.Offline ? Environment.ProcessorCount : Parallelism,
                CancellationToken = cancellationToken,
            },
            async (i, ct) =>
            {
                var package = lockfile.Packages[i];
                var packageResults = new List<CheckResult>(checks.Count);
                foreach (var check in checks)
                {
                    packageResults.Add(await RunOneAsync(check, package, context, ct).ConfigureAwait(false));
                }

                results[i] = new PackageResult(package, packageResults, FromRegistry: true);
            }).ConfigureAwait(false);

        // Dependencies not from a registry: no check can look at them; each says why.
        var notFromRegistry = lockfile.NotAudited.Select(n => new PackageResult(
            n.Package,
            [.. checks.Select(c => new CheckResult(c.Name, CheckOutcome.NotVerifiable, $"{n.Package.Source.Kind.ToString().ToLowerInvariant()} dependency, not from a registry: {n.Reason}"))],
            FromRegistry: false));
        return new VerifyReport(lockfile, context.Options, [.. checks.Select(c => c.Name)], [.. results, .. notFromRegistry]);
    }

    // A check that throws breaks its promise; the run still reports the package, as not verifiable.
    private static async ValueTask<CheckResult> RunOneAsync(IPackageCheck check, ResolvedPackage package, VerifyContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await check.CheckAsync(package, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return new CheckResult(check.Name, CheckOutcome.NotVerifiable, $"the check failed ({e.GetType().Name}); this is a bug in Vigil");
        }
    }
}
