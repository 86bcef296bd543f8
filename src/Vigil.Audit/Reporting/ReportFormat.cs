using Vigil.Domain.Advisories;

namespace Vigil.Audit.Reporting;

/// <summary>The formats an audit report can be written in.</summary>
public enum ReportFormat
{
    /// <summary>For people at a terminal: grouped by severity, 80 columns.</summary>
    Table,

    /// <summary>Vigil's JSON report.</summary>
    Json,

    /// <summary>SARIF 2.1.0, as GitHub code scanning reads it.</summary>
    Sarif,

    /// <summary>Markdown, for pull request comments and job summaries.</summary>
    Markdown,

    /// <summary>CycloneDX 1.6 JSON: the packages and their vulnerabilities.</summary>
    CycloneDx,
}

/// <summary>What a report writer needs besides the report.</summary>
/// <param name="ToolVersion">Vigil's version.</param>
/// <param name="Now">When the report is written.</param>
/// <param name="LockfileUri">The lockfile's path as a report names it: relative to the working folder, with <c>/</c>.</param>
/// <param name="AuditLevel">The <c>--audit-level</c> threshold, so that reports can say what fails.</param>
public sealed record ReportContext(string ToolVersion, DateTimeOffset Now, string LockfileUri, SeverityLevel AuditLevel);

/// <summary>The one place that knows every format's writer.</summary>
public static class ReportWriters
{
    /// <summary>The formats by their command-line names.</summary>
    public static IReadOnlyDictionary<string, ReportFormat> Names { get; } = new Dictionary<string, ReportFormat>
    {
        ["table"] = ReportFormat.Table,
        ["json"] = ReportFormat.Json,
        ["sarif"] = ReportFormat.Sarif,
        ["markdown"] = ReportFormat.Markdown,
        ["cyclonedx"] = ReportFormat.CycloneDx,
    };

    /// <summary>Writes the report in the format.</summary>
    public static void Write(ReportFormat format, AuditReport report, ReportContext context, TextWriter output)
    {
        switch (format)
        {
            case ReportFormat.Table:
                TableReport.Write(report, context, output);
                break;
            case ReportFormat.Json:
                JsonReport.Write(report, output);
                break;
            case ReportFormat.Sarif:
                SarifReport.Write(report, context, output);
                break;
            case ReportFormat.Markdown:
                MarkdownReport.Write(report, context, output);
                break;
            case ReportFormat.CycloneDx:
                CycloneDxReport.Write(report, context, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
