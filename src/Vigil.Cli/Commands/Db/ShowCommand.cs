using System.CommandLine;
using System.Text;
using Vigil.Audit.Reporting;
using Vigil.Cli.Output;
using Vigil.Data.Advisories;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv;

namespace Vigil.Cli.Commands.Db;

/// <summary><c>vigil db show &lt;id|alias&gt; [--json]</c></summary>
static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "An advisory id (NSWG-ECO-368, GHSA-...) or alias (CVE-2022-35256), in any case" };
        var json = new Option<bool>("--json") { Description = "Print the OSV record (an array when several records match)" };
        var command = new Command("show", "Show the advisories with this id or alias.\nExit codes: 0 found, 1 not found, 2 usage, 4 database error.")
        {
            id,
            json,
        };
        command.SetAction(parse => Run(parse, parse.GetRequiredValue(id), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string id, bool json)
    {
        var store = Database.Open(parse, create: false);
        var found = Database.Use(() => store.Find(id));
        var output = parse.InvocationConfiguration.Output;
        if (found.Count == 0)
        {
            throw new CliException(ExitCodes.Findings, $"no advisory has the id or alias '{TerminalText.Clean(id)}'");
        }

        if (json)
        {
            string records = string.Join(",\n", found.Select(a => OsvJson.WriteString(a.Record)));
            output.WriteLine(found.Count == 1 ? records : "[\n" + records + "\n]");
            return ExitCodes.Success;
        }

        for (int i = 0; i < found.Count; i++)
        {
            if (i > 0)
            {
                output.WriteLine();
                output.WriteLine(new string('─', 78));
                output.WriteLine();
            }

            output.Write(AdvisoryText.Describe(found[i]));
        }

        return ExitCodes.Success;
    }
}

/// <summary>An advisory as text for a terminal.</summary>
static class AdvisoryText
{
    public static string Describe(StoredAdvisory advisory)
    {
        var r = advisory.Record;
        var sb = new StringBuilder();
        sb.AppendLine($"{TerminalText.Clean(r.Id)}  {TerminalText.Clean(r.Summary)}");
        Line(sb, "aliases", string.Join(", ", r.Aliases ?? []));
        foreach (var severity in r.Severity ?? [])
        {
            Line(sb, "severity", SeverityText.Describe(severity));
        }

        if (WorkingGroupRating(r) is { } rating)
        {
            Line(sb, "severity", $"{rating} (the WG's rating)");
        }

        foreach (var affected in r.Affected ?? [])
        {
            if (affected.Package is { } package)
            {
                Line(sb, "affected", $"{package.Ecosystem} {package.Name} {RangeText.Describe(affected)}{Platforms(affected)}");
            }
        }

        Line(sb, "published", r.Published?.Text);
        Line(sb, "modified", r.Modified.Text);
        Line(sb, "withdrawn", r.Withdrawn?.Text);
        Line(sb, "source", advisory.Source);
        foreach (var reference in r.References ?? [])
        {
            Line(sb, "reference", $"{reference.Url} ({reference.Type})");
        }

        foreach (var credit in r.Credits ?? [])
        {
            Line(sb, "credit", $"{credit.Name}{(credit.Type is { } type ? $" ({type})" : string.Empty)}");
        }

        if (!string.IsNullOrWhiteSpace(r.Details))
        {
            sb.AppendLine().AppendLine(TerminalText.Clean(r.Details.Trim(), keepNewlines: true));
        }

        return sb.ToString();
    }

    /// <summary>The WG's own severity word for core records (<c>database_specific.nswg.severity</c>).</summary>
    private static string? WorkingGroupRating(OsvRecord r) =>
        r.DatabaseSpecific is { ValueKind: System.Text.Json.JsonValueKind.Object } specific &&
        specific.TryGetProperty("nswg", out var nswg) && nswg.ValueKind == System.Text.Json.JsonValueKind.Object &&
        nswg.TryGetProperty("severity", out var severity) && severity.ValueKind == System.Text.Json.JsonValueKind.String
            ? severity.GetString()
            : null;

    private static string Platforms(OsvAffected affected) =>
        affected.EcosystemSpecific is { } specific &&
        specific.ValueKind == System.Text.Json.JsonValueKind.Object &&
        specific.TryGetProperty("platforms", out var platforms) &&
        platforms.ValueKind == System.Text.Json.JsonValueKind.Array
            ? " on " + string.Join(", ", platforms.EnumerateArray().Select(p => p.ToString()))
            : string.Empty;

    private static void Line(StringBuilder sb, string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            sb.AppendLine($"  {label,-10} {TerminalText.Clean(value)}");
        }
    }
}
