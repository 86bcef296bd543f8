using System.CommandLine;
using Vigil.Advisories.Import;
using Vigil.Audit.Reporting;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db validate &lt;path&gt;...</c></summary>
static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "WG folders or record files, OSV files or folders, OSV zip archives",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", """
            Check advisory files without importing them. WG records are checked by the rules of the WG's own CI
            validator and by Vigil's: every range parses as npm reads it, every CVSS vector is valid and its score
            matches cvss_score, patched_versions does not overlap vulnerable_versions. OSV records are checked for
            the schema's shape, RFC 3339 times, readable range events and valid CVSS vectors.
            Prints one line per problem: file: field: message.
            Exit codes: 0 no problems, 1 problems found, 2 usage, 3 a path does not exist.
            """)
        {
            paths,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(paths)));
        return command;
    }

    private static int Run(ParseResult parse, string[] paths)
    {
        var missing = AdvisoryInputs.Missing(paths);
        if (missing.Count > 0)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"no such file or folder: {string.Join(", ", missing)}");
        }

        var output = parse.InvocationConfiguration.Output;
        int files = 0, problems = 0;
        foreach (var (document, problem) in AdvisoryInputs.Enumerate(paths))
        {
            files++;
            foreach (var p in problem is not null ? [problem] : AdvisoryValidator.Validate(document!))
            {
                problems++;
                output.WriteLine(TerminalText.Clean(p.ToString()));
            }
        }

        parse.InvocationConfiguration.Error.WriteLine($"{files} files checked, {problems} problems");
        return problems > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
