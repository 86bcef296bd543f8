using System.Text.Json;
using Vigil.Audit.Ignoring;
using Vigil.Lockfiles;

namespace Vigil.Audit.Reporting;

/// <summary>
/// Vigil's JSON report: <c>{"lockfile", "packages", "findings": [{"package", "version", "advisory", "aliases",
/// "severity", "paths", "dev", "fixedIn", ...}], "ignored", "expiredIgnores", "notAudited", "runtime",
/// "warnings", "summary"}</c>.
/// </summary>
public static class JsonReport
{
    /// <summary>Writes the report.</summary>
    public static void Write(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("lockfile");
            w.WriteString("path", report.Lockfile.Path);
            w.WriteString("format", report.Lockfile.Format.ToString().ToLowerInvariant());
            w.WriteString("formatVersion", report.Lockfile.FormatVersion);
            w.WriteEndObject();
            w.WriteNumber("packages", report.Audited);
            w.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                WriteFinding(w, finding, null);
            }

            w.WriteEndArray();
            w.WriteStartArray("ignored");
            foreach (var ignored in report.Ignored)
            {
                WriteFinding(w, ignored.Finding, ignored.Rule);
            }

            w.WriteEndArray();
            w.WriteStartArray("expiredIgnores");
            foreach (var rule in report.ExpiredIgnores)
            {
                WriteRule(w, rule);
            }

            w.WriteEndArray();
            WriteNotAudited(w, report.Lockfile);
            WriteRuntime(w, report.Runtime);
            w.WriteStartArray("warnings");
            foreach (string warning in report.Warnings)
            {
                w.WriteStringValue(warning);
            }

            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var (level, count) in report.CountBySeverity)
            {
                w.WriteNumber(level.ToString().ToLowerInvariant(), count);
            }

            w.WriteNumber("total", report.Findings.Count);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f, IgnoreRule? rule)
    {
        w.WriteStartObject();
        w.WriteString(Names.Package, f.Package.Name);
        w.WriteString(Names.Version, f.Package.Version);
        WriteStrings(w, Names.AliasNames, f.Package.AliasNames.AsSpan());
        w.WriteString(Names.Type, f.Package.Type.ToText());
        w.WriteBoolean(Names.Dev, f.Dev);
        w.WriteBoolean(Names.Optional, f.Package.Type.HasFlag(DependencyType.Optional));
        w.WriteString(Names.Advisory, f.Advisory.Id);
        WriteStrings(w, Names.Aliases, f.Advisory.Aliases);
        w.WriteString(Names.Summary, f.Advisory.Summary);
        w.WriteString(Names.Severity, f.Advisory.Severity.Name);
        if (f.Advisory.Severity.Score is { } score)
        {
            w.WriteStartObject(Names.Cvss);
            w.WriteNumber(Names.Score, score);
            w.WriteString(Names.Vector, f.Advisory.Severity.Vector);
            w.WriteEndObject();
        }

        WriteStrings(w, Names.Cwe, f.Advisory.Cwes);
        w.WriteString(Names.Url, f.Advisory.Url);
        w.WriteString(Names.VulnerableRange, f.VulnerableRange);
        WritePaths(w, f.Package.Paths);
        WriteStrings(w, Names.Workspaces, f.Package.Workspaces.AsSpan());
        w.WriteString(Names.FixedIn, f.FixedIn?.ToString());
        w.WriteBoolean(Names.FixIsMajor, f.FixIsMajor);
        if (rule is not null)
        {
            w.WritePropertyName("ignoredBy");
            WriteRule(w, rule);
        }

        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, IgnoreRule rule)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("reason", rule.Reason);
        w.WriteString("package", rule.Package);
        w.WriteString("path", rule.Path is null ? null : string.Join(" > ", rule.Path));
        w.WriteString("expires", rule.Expires?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteNotAudited(Utf8JsonWriter w, Lockfile lockfile)
    {
        w.WriteStartArray("notAudited");
        foreach (var item in lockfile.NotAudited)
        {
            w.WriteStartObject();
            w.WriteString("name", item.Package.Name);
            w.WriteString("version", item.Package.Version);
            w.WriteString("source", item.Package.Source.Kind.ToString().ToLowerInvariant());
            w.WriteString("location", item.Package.Source.Location);
            w.WriteString("reason", item.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRuntime(Utf8JsonWriter w, RuntimeFinding? runtime)
    {
        if (runtime is null)
        {
            w.WriteNull("runtime");
            return;
        }

        var r = runtime.Report;
        w.WriteStartObject("runtime");
        w.WriteString("version", "v" + r.Version);
        w.WriteString("source", runtime.Source);
        w.WriteString("platform", r.Platform);
        w.WriteBoolean("vulnerable", r.Vulnerable);
        w.WriteBoolean("eol", r.EndOfLife);
        w.WriteStartArray("advisories");
        foreach (var a in r.Advisories)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            WriteStrings(w, JsonEncodedText.Encode("cves"), a.Cves);
            w.WriteString("severity", a.Severity.Name);
            w.WriteString("fixedIn", a.FixedIn is { } fix ? "v" + fix : null);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The paths as <see cref="DependencyPath.ToString"/> prints them, put together in a buffer rather than as strings.</summary>
    private static void WritePaths(Utf8JsonWriter w, System.Collections.Immutable.ImmutableArray<DependencyPath> paths)
    {
        const string Separator = " > ";
        w.WriteStartArray(Names.Paths);
        char[]? rented = null;
        Span<char> buffer = stackalloc char[512];
        foreach (var path in paths)
        {
            int length = Separator.Length * (path.Names.Length - 1);
            foreach (string name in path.Names)
            {
                length += name.Length;
            }

            if (length > buffer.Length)
            {
                if (rented is not null)
                {
                    System.Buffers.ArrayPool<char>.Shared.Return(rented);
                }

                buffer = rented = System.Buffers.ArrayPool<char>.Shared.Rent(length);
            }

            int used = 0;
            foreach (string name in path.Names)
            {
                if (used > 0)
                {
                    Separator.CopyTo(buffer[used..]);
                    used += Separator.Length;
                }

                name.CopyTo(buffer[used..]);
                used += name.Length;
            }

            w.WriteStringValue(buffer[..used]);
        }

        if (rented is not null)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
        {
            w.WriteStringValue(values[i]);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, ReadOnlySpan<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    /// <summary>A finding's property names, encoded once: a report writes each of them for every finding.</summary>
    private static class Names
    {
        public static readonly JsonEncodedText Package = JsonEncodedText.Encode("package");
        public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
        public static readonly JsonEncodedText AliasNames = JsonEncodedText.Encode("aliasNames");
        public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
        public static readonly JsonEncodedText Dev = JsonEncodedText.Encode("dev");
        public static readonly JsonEncodedText Optional = JsonEncodedText.Encode("optional");
        public static readonly JsonEncodedText Advisory = JsonEncodedText.Encode("advisory");
        public static readonly JsonEncodedText Aliases = JsonEncodedText.Encode("aliases");
        public static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
        public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
        public static readonly JsonEncodedText Cvss = JsonEncodedText.Encode("cvss");
        public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
        public static readonly JsonEncodedText Vector = JsonEncodedText.Encode("vector");
        public static readonly JsonEncodedText Cwe = JsonEncodedText.Encode("cwe");
        public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
        public static readonly JsonEncodedText VulnerableRange = JsonEncodedText.Encode("vulnerableRange");
        public static readonly JsonEncodedText Paths = JsonEncodedText.Encode("paths");
        public static readonly JsonEncodedText Workspaces = JsonEncodedText.Encode("workspaces");
        public static readonly JsonEncodedText FixedIn = JsonEncodedText.Encode("fixedIn");
        public static readonly JsonEncodedText FixIsMajor = JsonEncodedText.Encode("fixIsMajor");
    }
}
