using Vigil.Advisories.Import;
using Vigil.Domain.NodeReleases;

namespace Vigil.Data.Advisories;

/// <summary>The result of importing files: what the store did, and what could not be read.</summary>
/// <param name="Summary">The store's outcome for every advisory that was read.</param>
/// <param name="Rejected">How many files or entries were rejected.</param>
/// <param name="Problems">Every problem, in the order met; warnings start with <c>warning:</c>.</param>
/// <param name="SchedulesImported">How many Node.js release schedules were stored (a changed one replaces the old).</param>
public sealed record ImportReport(ImportSummary Summary, int Rejected, IReadOnlyList<AdvisoryProblem> Problems, int SchedulesImported = 0);

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
        var schedules = new List<ReadOnlyMemory<byte>>();
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

                if (document!.Format == AdvisoryFormat.NodeReleaseSchedule)
                {
                    if (ReleaseSchedule.TryParse(document.Content.Span, out _, out var error))
                    {
                        schedules.Add(document.Content);
                    }
                    else
                    {
                        rejected++;
                        Report(new AdvisoryProblem(error.Location(document.Location), error.Reason));
                    }

                    continue;
                }

                var (advisory, found) = AdvisoryParser.Parse(document, now);
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
        int saved = schedules.Count(schedule => store.SaveReleaseSchedule(schedule.Span, now));
        return new ImportReport(summary, rejected, problems, saved);
    }
}
