using System.Globalization;
using Vigil.Domain.Advisories;

namespace Vigil.Audit.Reporting;

/// <summary>The report for a terminal: findings grouped by severity, most severe first, in 80 columns.</summary>
public static class TableReport
{
    private const int Width = 80;

    /// <summary>Writes the report.</summary>
    public static void Write(AuditReport report, ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        var lockfile = report.Lockfile;
        output.WriteLine(TerminalText.Fit($"{context.LockfileUri} ({LockfileNames.Describe(lockfile)}): {report.Audited} packages audited", Width));
        foreach (var group in report.Findings.GroupBy(f => f.Advisory.Severity.Level).OrderByDescending(g => g.Key == SeverityLevel.Unknown ? SeverityLevel.Moderate : g.Key))
        {
            output.WriteLine();
            output.WriteLine($"{group.Key.ToString().ToUpperInvariant()} ({group.Count()})");
            foreach (var f in group)
            {
                WriteFinding(output, f);
            }
        }

        WriteRuntime(output, report.Runtime);
        if (lockfile.NotAudited.Length > 0)
        {
            output.WriteLine();
            output.WriteLine($"Not audited ({lockfile.NotAudited.Length}): no advisory database covers them");
            foreach (var n in lockfile.NotAudited)
            {
                output.WriteLine("  " + TerminalText.Fit($"{n.Package.Name} ({n.Package.Source.Kind.ToString().ToLowerInvariant()}): {n.Reason}", Width - 2));
            }
        }

        if (report.Ignored.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Ignored ({report.Ignored.Count}):");
            foreach (var i in report.Ignored)
            {
                string until = i.Rule.Expires is { } e ? $" until {e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : string.Empty;
                output.WriteLine("  " + TerminalText.Fit($"{i.Finding.Advisory.Id} in {i.Finding.Package}{until}: {i.Rule.Reason}", Width - 2));
            }
        }

        foreach (var rule in report.ExpiredIgnores)
        {
            output.WriteLine(TerminalText.Fit($"warning: the ignore entry for {rule.Id} expired on {rule.Expires:yyyy-MM-dd}; it no longer hides anything", Width));
        }

        foreach (string warning in report.Warnings)
        {
            output.WriteLine(TerminalText.Fit("warning: " + warning, Width));
        }

        output.WriteLine();
        output.WriteLine(Summary(report));
    }

    private static void WriteFinding(TextWriter output, Finding f)
    {
        string cve = f.Advisory.Aliases.FirstOrDefault(a => a.StartsWith("CVE-", StringComparison.Ordinal)) ?? string.Empty;
        output.WriteLine("  " + TerminalText.Fit($"{f.Package.Name} {f.Package.Version}", 38).PadRight(38) + " " + TerminalText.Fit($"{f.Advisory.Id} {cve}".Trim(), 39));
        output.WriteLine("    " + TerminalText.Fit(f.Advisory.Summary ?? string.Empty, Width - 4));
        string fix = f.FixedIn is { } v ? $"fix: {v}{(f.FixIsMajor ? " (major)" : string.Empty)}" : "no fix yet";
        string score = f.Advisory.Severity.Score is { } s ? $"CVSS {s.ToString("0.0", CultureInfo.InvariantCulture)}, " : string.Empty;
        output.WriteLine("    " + TerminalText.Fit($"{score}vulnerable {f.VulnerableRange}, {fix}{(f.Dev ? ", dev" : string.Empty)}", Width - 4));
        foreach (var path in f.Package.Paths.Take(3))
        {
            output.WriteLine("    " + TerminalText.Fit("via " + path, Width - 4));
        }

        if (f.Package.Paths.Length > 3 || f.Package.PathsTruncated)
        {
            output.WriteLine("    and more paths");
        }
    }

    private static void WriteRuntime(TextWriter output, RuntimeFinding? runtime)
    {
        if (runtime is null)
        {
            return;
        }

        var r = runtime.Report;
        output.WriteLine();
        string status = r.Vulnerable ? $"{r.Advisories.Count} advisories affect it" : "no known vulnerability";
        output.WriteLine(TerminalText.Fit($"Node.js v{r.Version} ({runtime.Source}): {status}{(r.EndOfLife ? "; its release line is past its end of life" : string.Empty)}", Width));
        foreach (var a in r.Advisories)
        {
            output.WriteLine("  " + TerminalText.Fit($"{a.Id} {a.Severity.Name} {string.Join(",", a.Cves)} fixed in {(a.FixedIn is { } f ? "v" + f : "-")}", Width - 2));
        }
    }

    /// <summary>One line: how many findings of each severity.</summary>
    public static string Summary(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Findings.Count == 0)
        {
            return "No known vulnerabilities found.";
        }

        var counts = report.CountBySeverity.Where(c => c.Value > 0).OrderByDescending(c => c.Key)
            .Select(c => $"{c.Value} {c.Key.ToString().ToLowerInvariant()}");
        int packages = report.Findings.Select(f => f.Package).Distinct().Count();
        return $"{report.Findings.Count} {(report.Findings.Count == 1 ? "vulnerability" : "vulnerabilities")} ({string.Join(", ", counts)}) in {packages} {(packages == 1 ? "package" : "packages")}.";
    }
}
