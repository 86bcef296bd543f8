using System.Runtime.InteropServices;
using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>One problem a validator reported.</summary>
/// <param name="Rule">The validator's rule (SARIF multitool rule id, or the JSON schema keyword).</param>
/// <param name="Level">error, warning or note.</param>
/// <param name="Text">What it said, with where.</param>
internal sealed record Problem(string Rule, string Level, string Text)
{
    public override string ToString() => $"{Level} {Rule}: {Text}";
}

/// <summary>
/// The real validators of the report formats: the SARIF SDK's multitool (<c>tests/tools/sarif-multitool</c>) and
/// CycloneDX's own JavaScript library (<c>tests/tools/cyclonedx/validate.js</c>).
/// </summary>
internal static class Validators
{
    /// <summary>
    /// <c>Sarif.Multitool validate</c> with its default rules (the SARIF 2.1.0 JSON schema and the SARIF rules) and
    /// GitHub's ingestion rules (<c>--rule-kind "Sarif;Gh"</c>), every level reported.
    /// </summary>
    public static List<Problem> Sarif(string file)
    {
        string output = file + ".validation.sarif";
        var run = NodeTools.Run(Multitool(), ["validate", file, "--output", output, "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note"], Path.GetDirectoryName(file)!, string.Empty, TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0 && File.Exists(output), $"the SARIF multitool failed ({run.ExitCode}): {run.StandardOutput}{run.StandardError}");
        using var log = JsonDocument.Parse(File.ReadAllText(output));
        var problems = new List<Problem>();
        var validation = log.RootElement.GetProperty("runs")[0];
        foreach (var notification in validation.GetProperty("invocations")[0].EnumerateObject()
            .Where(p => p.Name is "toolExecutionNotifications" or "toolConfigurationNotifications")
            .SelectMany(p => p.Value.EnumerateArray()))
        {
            problems.Add(new Problem("tool", Text(notification, "level") ?? "warning", notification.GetProperty("message").GetProperty("text").GetString()!));
        }

        if (validation.TryGetProperty("results", out var results))
        {
            foreach (var result in results.EnumerateArray())
            {
                var message = result.GetProperty("message");
                string text = Text(message, "text") ?? $"{Text(message, "id")} {string.Join(" | ", message.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()))}";
                problems.Add(new Problem(result.GetProperty("ruleId").GetString()!, Text(result, "level") ?? "warning", text));
            }
        }

        return problems;
    }

    /// <summary>CycloneDX's strict JSON validator for the version (ajv over the library's own schemas); every problem is an error.</summary>
    public static List<Problem> CycloneDx(string version, string file)
    {
        string line = NodeTools.RunNode(NodeTools.Tool("cyclonedx"), "validate.js", string.Empty, TimeSpan.FromMinutes(1), version, file).Trim();
        using var result = JsonDocument.Parse(line);
        return [.. result.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => new Problem(Text(e, "keyword") ?? "schema", "error", $"{Text(e, "instancePath")}: {Text(e, "message")} {e.GetProperty("params")}"))];
    }

    private static string Multitool()
    {
        string platform = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win32" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "darwin" : "linux";
        string binary = Path.Combine(NodeTools.Tool("sarif-multitool"), "node_modules", "@microsoft", "sarif-multitool-" + platform, platform == "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        Assert.True(File.Exists(binary), "the SARIF multitool's binary is missing: " + binary);
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(binary).HasFlag(UnixFileMode.UserExecute))
        {
            // npm ci --ignore-scripts leaves the package's binary without its execute bit (its install script sets it).
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return binary;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
