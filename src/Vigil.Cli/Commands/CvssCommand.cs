using System.CommandLine;
using System.Globalization;
using Vigil.Audit.Reporting;
using Vigil.Domain.Cvss;

namespace Vigil.Cli.Commands;

/// <summary><c>vigil cvss &lt;vector&gt; [--json]</c>: scores a CVSS vector.</summary>
static class CvssCommand
{
    public static Command Create()
    {
        var vector = new Argument<string>("vector") { Description = "A CVSS vector, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"version\", \"baseScore\", \"severity\", ...}" };
        var command = new Command("cvss", "Score a CVSS v3.0, v3.1 or v4.0 vector per FIRST's specifications.\n" +
            "Exit codes: 0 scored, 1 not a valid vector, 2 usage error.")
        {
            vector,
            json,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(vector), parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string text, bool json, TextWriter output)
    {
        if (!CvssVector.TryParse(text, out var vector, out string? error))
        {
            throw new CliException(ExitCodes.Findings, $"not a valid CVSS vector: {error}");
        }

        var s = vector.Scores;
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteString("vector", vector.Text);
                w.WriteString("version", VersionText(s.Version));
                w.WriteNumber("baseScore", s.BaseScore);
                WriteOptional(w, "temporalScore", s.TemporalScore);
                WriteOptional(w, "environmentalScore", s.EnvironmentalScore);
                w.WriteNumber("score", s.Score);
                if (s.Nomenclature is { } nomenclature)
                {
                    w.WriteString("nomenclature", CvssNomenclatureLabel.ToLabel(nomenclature));
                }

                w.WriteString("severity", s.SeverityName);
                w.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        output.WriteLine($"CVSS {VersionText(s.Version)}  {Format(s.Score)}  {s.SeverityName}");
        if (s.Nomenclature is { } label && label != CvssNomenclature.CvssB)
        {
            output.WriteLine($"  base score {Format(s.BaseScore)}, {CvssNomenclatureLabel.ToLabel(label)} score {Format(s.Score)}");
        }

        if (s.TemporalScore is { } temporal)
        {
            output.WriteLine($"  temporal score {Format(temporal)}");
        }

        if (s.EnvironmentalScore is { } environmental)
        {
            output.WriteLine($"  environmental score {Format(environmental)}");
        }

        return ExitCodes.Success;
    }

    private static void WriteOptional(System.Text.Json.Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static string Format(decimal score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string VersionText(CvssVersion version) => version switch
    {
        CvssVersion.V30 => "3.0",
        CvssVersion.V31 => "3.1",
        CvssVersion.V40 => "4.0",
        _ => version.ToString(),
    };
}
