using System.Text;
using System.Text.Json;
using Vigil.Audit.Reporting;
using Vigil.Signing.Verification;

namespace Vigil.Cli.Commands.Verify;

/// <summary>The report as a table (80 columns) or as JSON (its shape is in <see cref="VerifyCommand"/>'s help).</summary>
static class VerifyWriters
{
    private const int Width = 80;

    public static void WriteTable(TextWriter output, VerifyReport report)
    {
        var lockfile = report.Lockfile;
        output.WriteLine(Fit($"{lockfile.Path} ({LockfileNames.Describe(lockfile)}): {report.Packages.Count} packages"));
        output.WriteLine(Fit($"registry {report.Options.Registry}{(report.Options.Offline ? " (offline: cache only)" : string.Empty)}"));
        output.WriteLine(Fit($"checks: {string.Join(", ", report.Checks)}"));
        output.WriteLine();
        foreach (var package in report.Packages)
        {
            string alias = package.Package.AliasNames.Length > 0 ? $" (as {string.Join(", ", package.Package.AliasNames)})" : string.Empty;
            string version = package.Package.Version.Length > 0 ? "@" + package.Package.Version : string.Empty;
            output.WriteLine(Fit($"{VerifyReport.Text(package.Verdict),-15}{package.Package.Name}{version}{alias}"));
            foreach (var result in package.Results)
            {
                if (result.Outcome != CheckOutcome.Verified || result.Reason is not null)
                {
                    Wrap(output, $"{result.Check}: {VerifyReport.Text(result.Outcome)}: {result.Reason}", "    ", "      ");
                }

                foreach (var (key, value) in result.Details)
                {
                    if (result.Outcome != CheckOutcome.Verified || result.Check != "signatures")
                    {
                        Wrap(output, $"{result.Check}: {key}: {value}", "    ", "      ");
                    }
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"{"check",-16}{"verified",10}{"unsigned",10}{"invalid",10}{"not verifiable",16}");
        foreach (string check in report.Checks)
        {
            output.WriteLine($"{Fit(check, 15),-16}{report.Count(check, CheckOutcome.Verified),10}{report.Count(check, CheckOutcome.Unsigned),10}{report.Count(check, CheckOutcome.Invalid),10}{report.Count(check, CheckOutcome.NotVerifiable),16}");
        }

        output.WriteLine($"{"packages",-16}{report.Count(CheckOutcome.Verified),10}{report.Count(CheckOutcome.Unsigned),10}{report.Count(CheckOutcome.Invalid),10}{report.Count(CheckOutcome.NotVerifiable),16}");
        output.WriteLine();
        Wrap(output, Summary(report), string.Empty, string.Empty);
        foreach (var (check, count) in report.RequiredFailures())
        {
            output.WriteLine(Fit($"--require {check}: {count} of {report.Packages.Count} packages not verified by it."));
        }
    }

    /// <summary>One sentence: how many packages were verified, and how many were not (and why not, in counts).</summary>
    public static string Summary(VerifyReport report)
    {
        int total = report.Packages.Count;
        int notVerified = total - report.Count(CheckOutcome.Verified);
        var text = new StringBuilder($"{report.Count(CheckOutcome.Verified)} of {total} packages verified");
        text.Append(notVerified == 0 ? "." : $"; {notVerified} NOT verified ({report.Count(CheckOutcome.Invalid)} invalid, {report.Count(CheckOutcome.Unsigned)} unsigned, {report.Count(CheckOutcome.NotVerifiable)} not verifiable).");
        return text.ToString();
    }

    public static void WriteJson(TextWriter output, VerifyReport report) => JsonOutput.Write(output, w =>
    {
        var lockfile = report.Lockfile;
        w.WriteStartObject();
        w.WriteString("lockfile", lockfile.Path);
        w.WriteString("format", lockfile.Format.ToString().ToLowerInvariant());
        w.WriteString("formatVersion", lockfile.FormatVersion);
        w.WriteString("registry", report.Options.Registry.AbsoluteUri);
        w.WriteBoolean("offline", report.Options.Offline);
        Strings(w, "checks", report.Checks);
        Strings(w, "required", report.Options.Required.Order(StringComparer.Ordinal));
        w.WriteBoolean("failed", report.Fails);
        w.WriteStartObject("summary");
        w.WriteNumber("packages", report.Packages.Count);
        Counts(w, o => report.Count(o));
        w.WriteStartObject("checks");
        foreach (string check in report.Checks)
        {
            w.WriteStartObject(check);
            Counts(w, o => report.Count(check, o));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("requiredNotVerified");
        foreach (var (check, count) in report.RequiredFailures())
        {
            w.WriteNumber(check, count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("packages");
        foreach (var package in report.Packages)
        {
            w.WriteStartObject();
            w.WriteString("name", package.Package.Name);
            w.WriteString("version", package.Package.Version);
            Strings(w, "aliasNames", package.Package.AliasNames);
            w.WriteString("source", package.Package.Source.Kind.ToString().ToLowerInvariant());
            w.WriteString("resolved", package.Package.Resolved ?? (package.FromRegistry ? null : package.Package.Source.Location));
            w.WriteString("integrity", package.Package.Integrity);
            w.WriteString("verdict", VerifyReport.Text(package.Verdict));
            w.WriteStartArray("checks");
            foreach (var result in package.Results)
            {
                w.WriteStartObject();
                w.WriteString("check", result.Check);
                w.WriteString("outcome", VerifyReport.Text(result.Outcome));
                w.WriteString("reason", result.Reason);
                w.WriteStartObject("details");
                foreach (var (key, value) in result.Details)
                {
                    w.WriteString(key, value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Strings(w, "warnings", lockfile.Warnings);
        w.WriteEndObject();
    });

    private static void Counts(Utf8JsonWriter w, Func<CheckOutcome, int> count)
    {
        w.WriteNumber("verified", count(CheckOutcome.Verified));
        w.WriteNumber("unsigned", count(CheckOutcome.Unsigned));
        w.WriteNumber("invalid", count(CheckOutcome.Invalid));
        w.WriteNumber("notVerifiable", count(CheckOutcome.NotVerifiable));
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Fit(string text) => TerminalText.Fit(text, Width);

    private static string Fit(string text, int width) => TerminalText.Fit(text, width);

    // Words onto lines of at most 80 columns; a word longer than a line is cut.
    private static void Wrap(TextWriter output, string text, string first, string rest)
    {
        string clean = TerminalText.Clean(text);
        var line = new StringBuilder(first);
        int start = line.Length;
        foreach (string word in clean.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > Width)
            {
                output.WriteLine(line.ToString());
                line.Clear().Append(rest);
                start = line.Length;
            }

            if (line.Length > start)
            {
                line.Append(' ');
            }

            line.Append(word.Length > Width - rest.Length ? word[..(Width - rest.Length - 1)] + "…" : word);
        }

        output.WriteLine(line.ToString());
    }
}
