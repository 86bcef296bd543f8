using Vigil.Advisories.Import;

namespace Vigil.Data.Advisories;

/// <summary>The result of importing files: what the store did, and what could not be read.</summary>
/// <param name="Summary">The store's outcome for every advisory that was read.</param>
/// <param name="Rejected">How many files or entries were rejected.</param>
/// <param name="Problems">Every problem, in the order met; warnings start with <c>warning:</c>.</param>
public sealed record ImportReport(ImportSummary Summary, int Rejected, IReadOnlyList<AdvisoryProblem> Problems);

/// <summary>Reads advisory files (<see cref="AdvisoryInputs"/>, <see cref="AdvisoryParser"/>) into a store, in one transaction.</summary>
public sealed class AdvisoryImporter(AdvisoryStore store, TimeProvider clock)
{
    /// <summary>
    /// Imports everything under <paramref name="paths"/>. Files that cannot be read are reported, not imported;
    /// <paramref name="onProblem"/> hears of each problem as it is found.
    /// </summary>
    public ImportReport Import(IEnumerable<string> paths, Action<AdvisoryProblem>? onProblem = null)
    {
        var problems = new List<AdvisoryProblem>();
        int rejected = 0;
        var now = clock.GetUtcNow();

        void Report(AdvisoryProblem problem)
        {
            problems.Add(problem);
            onProblem?.Invoke(problem);
        }

        IEnumerable<AdvisoryImport> Advisories()
        {
            foreach (var (document, problem) in AdvisoryInputs.Enumerate(paths))
            {
                if (problem is not null)
                {
                    rejected++;
                    Report(problem);
                    continue;
                }

                var (advisory, found) = AdvisoryParser.Parse(document!, now);
                foreach (var p in found)
                {
                    Report(advisory is null ? p : p with { Message = "warning: " + p.Message });
                }

                if (advisory is null)
                {
                    rejected++;
                    continue;
                }

                yield return new AdvisoryImport(advisory.Record, advisory.Source, advisory.ModifiedByImport);
            }
        }

        var summary = store.Import(Advisories());
        return new ImportReport(summary, rejected, problems);
    }
}
