using System.Globalization;
using System.Text;

namespace Vigil.Audit.Reporting;

/// <summary>The report as Markdown, for a pull request comment or a CI job summary.</summary>
public static class MarkdownReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(AuditReport report, ReportContext context, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"## Vigil audit: `{Code(context.LockfileUri)}`");
        output.WriteLine();
        output.WriteLine($"{Escape(TableReport.Summary(report))} {report.Audited} packages audited.");
        if (report.Findings.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| Severity | Package | Advisory | Vulnerable | Fix | Via |");
            output.WriteLine("|---|---|---|---|---|---|");
            foreach (var f in report.Findings)
            {
                string advisory = f.Advisory.Url is { } url && LinkTarget(url) is { } target
                    ? $"[{Escape(f.Advisory.Id)}](<{target}>)"
                    : Escape(f.Advisory.Id);
                string aliases = f.Advisory.Aliases.Count > 0 ? "<br>" + Escape(string.Join(", ", f.Advisory.Aliases)) : string.Empty;
                string fix = f.FixedIn is { } v ? $"`{v}`{(f.FixIsMajor ? " (major)" : string.Empty)}" : "none yet";
                string via = f.Package.Paths.Length > 0 ? Escape(f.Package.Paths[0].ToString()) : string.Empty;
                output.WriteLine($"| {f.Advisory.Severity.Name} | `{Code(f.Package.ToString())}`{(f.Dev ? " (dev)" : string.Empty)} | {advisory}{aliases}<br>{Escape(f.Advisory.Summary ?? string.Empty)} | `{Code(f.VulnerableRange)}` | {fix} | {via} |");
            }
        }

        if (report.Runtime is { } runtime)
        {
            var r = runtime.Report;
            output.WriteLine();
            output.WriteLine($"Node.js `v{r.Version}` ({Escape(runtime.Source)}): {(r.Vulnerable ? $"{r.Advisories.Count} advisories affect it" : "no known vulnerability")}{(r.EndOfLife ? ", **end of life**" : string.Empty)}.");
        }

        if (report.Lockfile.NotAudited.Length > 0)
        {
            output.WriteLine();
            output.WriteLine($"Not audited: {string.Join(", ", report.Lockfile.NotAudited.Select(n => $"`{Code(n.Package.Name)}` ({n.Package.Source.Kind.ToString().ToLowerInvariant()})"))}.");
        }

        foreach (var i in report.Ignored)
        {
            output.WriteLine();
            output.WriteLine($"Ignored {Escape(i.Finding.Advisory.Id)} in `{Code(i.Finding.Package.ToString())}`{(i.Rule.Expires is { } e ? " until " + e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}: {Escape(i.Rule.Reason)}");
        }
    }

    /// <summary>Text from advisories in a table cell: Markdown and HTML characters escaped, one line.</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in TerminalText.Clean(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '<' or '>' or '#' or '!' or '&' or '~')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// An https URL as a link destination in a table cell: parsed, then every character that could end the
    /// destination (<c>&lt;</c>, <c>&gt;</c>), the table cell (<c>|</c>, split on before links are parsed) or escape
    /// something (<c>\</c>, <c>`</c>) percent-encoded, as are spaces, quotes and controls. Null when it is no https URL.
    /// </summary>
    private static string? LinkTarget(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (char c in uri.AbsoluteUri)
        {
            if (c is '|' or '<' or '>' or '\\' or '`' or ' ' or '"' || char.IsControl(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{(int)c:X2}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Text inside a code span: backticks and pipes cannot close it or the table cell.</summary>
    private static string Code(string text) =>
        TerminalText.Clean(text).Replace('`', '\'').Replace("|", "\\|", StringComparison.Ordinal);
}
