using System.CommandLine;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db stats [--json]</c></summary>
static class StatsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("stats", "Count what the database holds.\nExit codes: 0, 2 usage, 4 database error.") { json };
        command.SetAction(parse => Run(parse, parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, bool json)
    {
        var store = Database.Open(parse, create: false);
        var s = Database.Use(store.Statistics);
        var output = parse.InvocationConfiguration.Output;
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("database", s.Location);
                w.WriteNumber("advisories", s.Advisories);
                w.WriteNumber("withdrawn", s.Withdrawn);
                w.WriteNumber("aliases", s.Aliases);
                w.WriteString("newestModified", s.NewestModified);
                w.WriteStartObject("sources");
                foreach (var (source, count) in s.BySource)
                {
                    w.WriteNumber(source, count);
                }

                w.WriteEndObject();
                w.WriteStartObject("ecosystems");
                foreach (var (ecosystem, packages, advisories) in s.ByEcosystem)
                {
                    w.WriteStartObject(ecosystem);
                    w.WriteNumber("packages", packages);
                    w.WriteNumber("advisories", advisories);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        output.WriteLine($"database   {s.Location}");
        output.WriteLine($"advisories {s.Advisories} ({s.Withdrawn} withdrawn), {s.Aliases} aliases, newest modified {s.NewestModified ?? "-"}");
        foreach (var (source, count) in s.BySource)
        {
            output.WriteLine($"  source {source,-12} {count,7} advisories");
        }

        foreach (var (ecosystem, packages, advisories) in s.ByEcosystem)
        {
            output.WriteLine($"  ecosystem {TerminalText.Clean(ecosystem),-9} {advisories,7} advisories on {packages} packages");
        }

        return ExitCodes.Success;
    }
}
