using System.CommandLine;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db search &lt;text&gt; | --package &lt;name&gt;</c></summary>
static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("text") { Description = "Words to find in ids, aliases, summaries, details and package names", Arity = ArgumentArity.ZeroOrOne };
        var package = new Option<string?>("--package") { Description = "Only advisories that name this package", HelpName = "name" };
        var limit = new Option<int>("--limit") { Description = "At most this many results", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("search", "Search the advisories.\nExit codes: 0 found some, 1 found none, 2 usage, 4 database error.")
        {
            text,
            package,
            limit,
            json,
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 100_000)
            {
                result.AddError("--limit must be between 1 and 100000");
            }
        });
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(text)) && string.IsNullOrWhiteSpace(result.GetValue(package)))
            {
                result.AddError("give words to search for, --package <name>, or both");
            }
        });
        command.SetAction(parse => Run(parse, parse.GetValue(text), parse.GetValue(package), parse.GetValue(limit), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string? text, string? package, int limit, bool json)
    {
        var store = Database.Open(parse, create: false);
        var results = Database.Use(() => store.Search(text, package, limit));
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartArray();
                foreach (var r in results)
                {
                    w.WriteStartObject();
                    w.WriteString("id", r.Id);
                    w.WriteStartArray("aliases");
                    r.Aliases.ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteStartArray("packages");
                    r.Packages.ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteString("summary", r.Summary);
                    w.WriteBoolean("withdrawn", r.Withdrawn);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
        else
        {
            foreach (var r in results)
            {
                // Fits 80 columns: GHSA ids are 19 characters. npm packages are shown by name, others as ecosystem:name.
                string packages = TerminalText.Fit(string.Join(",", r.Packages.Select(p => p.StartsWith("npm/", StringComparison.Ordinal) ? p[4..] : p.Replace('/', ':'))), 18);
                output.WriteLine($"{TerminalText.Fit(r.Id, 19),-19}  {packages,-18}  {TerminalText.Fit((r.Withdrawn ? "[withdrawn] " : string.Empty) + r.Summary, 37)}");
            }

            parse.InvocationConfiguration.Error.WriteLine(results.Count == limit ? $"{results.Count} advisories (limit reached; use --limit)" : $"{results.Count} advisories");
        }

        return results.Count > 0 ? ExitCodes.Success : ExitCodes.Findings;
    }
}
