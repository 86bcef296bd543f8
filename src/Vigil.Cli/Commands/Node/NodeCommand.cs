using System.CommandLine;
using System.Globalization;
using Vigil.Audit.Runtime;
using Vigil.Cli.Commands.Db;
using Vigil.Audit.Reporting;
using Vigil.Domain.NodeReleases;

namespace Vigil.Cli.Commands.Node;

/// <summary><c>vigil node [--version vX.Y.Z] [--platform p] [path] [--json]</c>: is this Node.js vulnerable?</summary>
static class NodeCommand
{
    public static Command Create()
    {
        var version = new Option<string?>("--version") { Description = "The Node.js version to check (default: the project's .nvmrc, .node-version or exact engines.node, else the node on the PATH)", HelpName = "vX.Y.Z" };
        var platform = new Option<string?>("--platform") { Description = "The platform, as process.platform names it (default: this machine's)" };
        platform.AcceptOnlyFromAmong([.. RuntimeCheck.Platforms]);
        var schedule = new Option<string?>("--schedule") { Description = "A Node.js release schedule file (default: the one imported into the database)", HelpName = "file" };
        var path = new Argument<string>("path") { Description = "The project folder", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
        var json = new Option<bool>("--json") { Description = "Print JSON: {\"version\", \"platform\", \"vulnerable\", \"eol\", \"advisories\": [...]}" };
        var command = new Command("node", """
            Check a Node.js runtime against the WG's core advisories (platform-aware) and the release schedule.
            Offline: the advisories and the schedule come from the database (vigil db import).
            Exit codes: 0 not vulnerable and supported, 1 vulnerable, 5 end of life but not vulnerable,
            2 usage, 3 the version or the schedule cannot be found or read, 4 database error.
            """)
        {
            version,
            platform,
            schedule,
            path,
            json,
            DbCommand.DatabaseOption,
        };
        command.SetAction(parse => Run(parse, parse.GetValue(version), parse.GetValue(platform), parse.GetValue(schedule), parse.GetRequiredValue(path), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, string? versionText, string? platform, string? scheduleFile, string folder, bool json)
    {
        var node = ResolveVersion(versionText, folder);
        var store = Database.Open(parse, create: false);
        var schedule = LoadSchedule(scheduleFile) ?? Database.Use(store.LoadReleaseSchedule)
            ?? throw new CliException(ExitCodes.UnreadableInput, "no Node.js release schedule: import one (vigil db import <path>/schedule.json) or pass --schedule <file>");
        var advisories = Database.Use(() => store.ForPackages(RuntimeCheck.Ecosystem, [RuntimeCheck.PackageName]));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var report = new RuntimeCheck(advisories.Select(a => a.Record)).Check(node.Version, platform ?? NodeVersionSource.CurrentPlatform(), schedule, today);
        var output = parse.InvocationConfiguration.Output;
        if (advisories.Count == 0)
        {
            parse.InvocationConfiguration.Error.WriteLine("vigil: warning: the database holds no Node.js core advisories (import the WG's database)");
        }

        if (json)
        {
            RuntimeReportJson.Write(output, report, node.Source);
        }
        else
        {
            RuntimeReportText.Write(output, report, node.Source);
        }

        return report.Vulnerable ? ExitCodes.Findings : report.EndOfLife ? ExitCodes.EndOfLife : ExitCodes.Success;
    }

    private static NodeVersion ResolveVersion(string? versionText, string folder)
    {
        if (versionText is not null)
        {
            return NodeVersionSource.Exact(versionText) is { } given
                ? new NodeVersion(given, "--version")
                : throw new CliException(ExitCodes.Usage, $"--version: '{TerminalText.Clean(versionText)}' is not a Node.js version such as v20.11.1");
        }

        if (!Directory.Exists(folder))
        {
            throw new CliException(ExitCodes.UnreadableInput, $"no such folder: {folder}");
        }

        return NodeVersionSource.Find(folder, NodeVersionSource.RunNodeVersion, out string? problem)
            ?? throw new CliException(ExitCodes.UnreadableInput, problem!);
    }

    private static ReleaseSchedule? LoadSchedule(string? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"no such file: {file}");
            }

            if (info.Length > ReleaseSchedule.MaxBytes)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{file}: the file is larger than {ReleaseSchedule.MaxBytes / 1024} KiB");
            }

            return ReleaseSchedule.TryParse(File.ReadAllBytes(file), out var schedule, out var error)
                ? schedule
                : throw new CliException(ExitCodes.UnreadableInput, $"{error.Location(file)}: {error.Reason}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"cannot read {file}: {e.Message}");
        }
    }
}

/// <summary>The runtime report as text for a terminal.</summary>
static class RuntimeReportText
{
    public static void Write(TextWriter output, RuntimeReport report, string source)
    {
        output.WriteLine($"Node.js v{report.Version} on {report.Platform} ({source})");
        if (report.Line is { } line)
        {
            string name = line.Codename is { } codename ? $"{line.Key} ({codename})" : line.Key;
            output.WriteLine(report.EndOfLife
                ? $"  {name} reached its end of life on {Date(line.End)}: it gets no security fixes any more"
                : $"  {name} is supported until {Date(line.End)}");
        }
        else
        {
            output.WriteLine(report.EndOfLife
                ? "  this release line is not in the release schedule: it is long past its end of life"
                : "  this release line is newer than the release schedule (import a newer schedule.json)");
        }

        if (!report.Vulnerable)
        {
            output.WriteLine("  no known vulnerability affects this version");
            return;
        }

        output.WriteLine($"  {report.Advisories.Count} known {(report.Advisories.Count == 1 ? "vulnerability affects" : "vulnerabilities affect")} it:");
        foreach (var a in report.Advisories)
        {
            string cves = a.Cves.Count > 0 ? string.Join(",", a.Cves) : "-";
            output.WriteLine($"    {a.Id,-13} {a.Severity.Name,-8} {TerminalText.Fit(cves, 16),-16} fixed in {(a.FixedIn is { } f ? "v" + f : "-")}");
            output.WriteLine($"      {TerminalText.Fit(a.Summary, 72)}");
        }

        output.WriteLine(report.FixedIn is { } fix
            ? $"  upgrade to v{fix} or later{(report.EndOfLife ? " (on a supported line)" : string.Empty)}"
            : "  no single release of this line fixes all of them: move to a supported line");
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "an unknown date";
}

/// <summary>The runtime report as JSON.</summary>
static class RuntimeReportJson
{
    public static void Write(TextWriter output, RuntimeReport report, string source) => JsonOutput.Write(output, w =>
    {
        w.WriteStartObject();
        w.WriteString("version", "v" + report.Version);
        w.WriteString("source", source);
        w.WriteString("platform", report.Platform);
        w.WriteBoolean("vulnerable", report.Vulnerable);
        w.WriteBoolean("eol", report.EndOfLife);
        if (report.Line is { } line)
        {
            w.WriteStartObject("releaseLine");
            w.WriteString("key", line.Key);
            w.WriteString("codename", line.Codename);
            w.WriteString("end", line.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteString("fixedIn", report.FixedIn is { } fix ? "v" + fix : null);
        w.WriteStartArray("advisories");
        foreach (var a in report.Advisories)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteStartArray("cves");
            foreach (string cve in a.Cves)
            {
                w.WriteStringValue(cve);
            }

            w.WriteEndArray();
            w.WriteString("severity", a.Severity.Name);
            w.WriteString("summary", a.Summary);
            w.WriteString("fixedIn", a.FixedIn is { } f ? "v" + f : null);
            w.WriteStartArray("platforms");
            foreach (string p in a.Platforms)
            {
                w.WriteStringValue(p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });
}
