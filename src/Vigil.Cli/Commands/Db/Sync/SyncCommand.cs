using System.CommandLine;
using Vigil.Audit.Reporting;
using Vigil.Data.Advisories;

namespace Vigil.Cli.Commands.Db.Sync;

/// <summary><c>vigil db sync &lt;source&gt;</c></summary>
static class SyncCommand
{
    public static Command Create()
    {
        var source = new Argument<string>("source")
        {
            Description = "A Vigil server's /osv/ address (or any folder laid out as osv.dev's bucket, e.g. its npm/), "
                + "a zip (address or file: the WG's repository as GitHub serves it, or osv.dev's all.zip), or a folder (the WG's vuln/)",
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON" };
        var command = new Command("sync", """
            Bring the database up to date from a source. From an osv.dev-style folder only the records its
            modified_id.csv lists as changed since the last sync are fetched (the first sync takes its all.zip).
            Every record is checked (valid OSV, the id its file is named after, the server's Repr-Digest) before
            anything is stored, and everything is stored in one transaction: a sync that fails or is interrupted
            leaves the database as it was, and the next one starts from the last completed sync.
            A record never replaces one of the same id from another source (e.g. an advisory the platform published):
            each such conflict is reported and the stored record kept.
            Exit codes: 0 synced, 1 conflicts, 2 usage, 3 the source is unreachable or holds a bad record, 4 database error.
            """)
        {
            source,
            json,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(source), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string source, bool json)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var store = Database.Open(parse, create: true);
        SyncPlan plan;
        using (var fetch = new SyncFetch(TimeSpan.FromMinutes(2)))
        {
            try
            {
                plan = Database.Use(() => SyncPlanner.Plan(source, store, fetch, DateTimeOffset.UtcNow));
            }
            catch (SyncException e)
            {
                throw new CliException(ExitCodes.UnreadableInput, TerminalText.Clean(e.Message) + " (nothing was stored)");
            }
        }

        var summary = plan.State is null ? new ImportSummary([], []) : Database.Use(() => store.Sync(plan.Records, plan.State));
        foreach (var conflict in summary.Conflicts)
        {
            error.WriteLine(TerminalText.Clean("vigil: " + conflict));
        }

        int added = summary.Count(ImportOutcome.Added), updated = summary.Count(ImportOutcome.Updated);
        int unchanged = summary.Count(ImportOutcome.Unchanged) + summary.Count(ImportOutcome.Older);
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("database", store.Location);
                w.WriteString("source", source);
                w.WriteString("read", plan.How);
                w.WriteBoolean("changed", plan.State is not null);
                w.WriteNumber("records", plan.Records.Count);
                w.WriteNumber("added", added);
                w.WriteNumber("updated", updated);
                w.WriteNumber("unchanged", unchanged);
                w.WriteNumber("conflicts", summary.Conflicts.Count);
                w.WriteStartArray("problems");
                foreach (var c in summary.Conflicts)
                {
                    w.WriteStringValue(c.ToString());
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else if (plan.State is null)
        {
            output.WriteLine(TerminalText.Clean($"{source}: up to date ({plan.How})"));
        }
        else
        {
            output.WriteLine(TerminalText.Clean($"Synced {plan.Records.Count} advisories from {source} ({plan.How}) into {store.Location}"));
            output.WriteLine($"  added      {added,7}");
            output.WriteLine($"  updated    {updated,7}");
            output.WriteLine($"  unchanged  {unchanged,7}");
            if (summary.Conflicts.Count > 0)
            {
                output.WriteLine($"  conflicts  {summary.Conflicts.Count,7}  (another source's record of the same id, kept)");
            }
        }

        return summary.Conflicts.Count > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
