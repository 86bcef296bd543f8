using System.CommandLine;
using Vigil.Advisories.Import;
using Vigil.Audit.Reporting;
using Vigil.Data.Advisories;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db import &lt;path&gt;...</c></summary>
static class ImportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "WG folders or record files, OSV files or folders, OSV zip archives (osv.dev's all.zip)",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("import", """
            Import advisories into the database, in one transaction.
            Identical records are left alone and a record never replaces a newer one (by 'modified').
            A malformed file is reported as file:line:column: reason and skipped; the rest is imported.
            A record never replaces one of the same id from another source (e.g. an advisory the platform published):
            each such conflict is reported and the stored record kept.
            Exit codes: 0 all imported, 1 some files rejected or conflicts, 2 usage, 3 a path does not exist, 4 database error.
            """)
        {
            paths,
            json,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(paths), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string[] paths, bool json)
    {
        var missing = AdvisoryInputs.Missing(paths);
        if (missing.Count > 0)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"no such file or folder: {string.Join(", ", missing)}");
        }

        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var store = Database.Open(parse, create: true);
        var report = Database.Use(() => new AdvisoryImporter(store, TimeProvider.System)
            .Import(paths, problem => error.WriteLine(TerminalText.Clean(problem.ToString()))));
        var summary = report.Summary;
        int rejected = report.Rejected;
        var problems = report.Problems;
        int added = summary.Count(ImportOutcome.Added), updated = summary.Count(ImportOutcome.Updated);
        int unchanged = summary.Count(ImportOutcome.Unchanged), older = summary.Count(ImportOutcome.Older);
        foreach (var conflict in summary.Conflicts)
        {
            error.WriteLine(TerminalText.Clean("vigil: " + conflict));
        }
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("database", store.Location);
                w.WriteNumber("added", added);
                w.WriteNumber("updated", updated);
                w.WriteNumber("unchanged", unchanged + older);
                w.WriteNumber("olderThanStored", older);
                w.WriteNumber("rejected", rejected);
                w.WriteNumber("conflicts", summary.Conflicts.Count);
                w.WriteNumber("releaseSchedules", report.SchedulesImported);
                w.WriteStartArray("problems");
                foreach (var p in problems)
                {
                    w.WriteStringValue(p.ToString());
                }

                foreach (var c in summary.Conflicts)
                {
                    w.WriteStringValue(c.ToString());
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            output.WriteLine($"Imported {summary.Outcomes.Count} advisories into {store.Location}");
            output.WriteLine($"  added      {added,7}");
            output.WriteLine($"  updated    {updated,7}");
            output.WriteLine($"  unchanged  {unchanged + older,7}" + (older > 0 ? $"  ({older} older than the stored record, kept the stored one)" : string.Empty));
            output.WriteLine($"  rejected   {rejected,7}");
            if (summary.Conflicts.Count > 0)
            {
                output.WriteLine($"  conflicts  {summary.Conflicts.Count,7}  (another source's record of the same id, kept)");
            }
            if (report.SchedulesImported > 0)
            {
                output.WriteLine("  and the Node.js release schedule");
            }
        }

        return rejected > 0 || summary.Conflicts.Count > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
