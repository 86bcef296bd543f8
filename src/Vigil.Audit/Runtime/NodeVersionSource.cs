using System.Diagnostics;
using System.Text.Json;
using Vigil.Domain.Semver;

namespace Vigil.Audit.Runtime;

/// <summary>A Node.js version and where it was found.</summary>
/// <param name="Version">The version.</param>
/// <param name="Source">Where it came from: <c>--version</c>, a file, or <c>node --version</c>.</param>
public sealed record NodeVersion(NpmVersion Version, string Source);

/// <summary>
/// Which Node.js a project runs: the project's <c>.nvmrc</c>, <c>.node-version</c> or an exact <c>engines.node</c>
/// in <c>package.json</c>, else the <c>node</c> on the PATH.
/// </summary>
/// <remarks>
/// A file that names only part of a version (<c>20</c>, <c>lts/iron</c>) does not say which patch runs: then the
/// <c>node</c> on the PATH is used when it belongs to that line, and otherwise the version is not known (pass
/// <c>--version</c>). A range in <c>engines.node</c> (<c>&gt;=18</c>) names no version and is not used.
/// </remarks>
public static class NodeVersionSource
{
    /// <summary>Reads a version such as <c>v20.11.1</c> or <c>20.11.1</c>; null when it is not a full version.</summary>
    public static NpmVersion? Exact(string text)
    {
        string t = text.Trim();
        return NpmVersion.TryParse(t.StartsWith('v') || t.StartsWith('V') ? t[1..] : t, SemverOptions.None, out var version, out _) ? version : null;
    }

    /// <summary>The version the project pins, or the node on the PATH; null with a reason when neither tells.</summary>
    public static NodeVersion? Find(string projectFolder, Func<string?> nodeOnPath, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(nodeOnPath);
        problem = null;
        (string File, string Text)? partial = null;
        foreach (string file in new[] { ".nvmrc", ".node-version" })
        {
            string path = Path.Combine(projectFolder, file);
            if (File.Exists(path) && FirstLine(path) is { } line)
            {
                if (Exact(line) is { } version)
                {
                    return new NodeVersion(version, file);
                }

                partial ??= (file, line);
            }
        }

        if (EnginesNode(Path.Combine(projectFolder, "package.json")) is { } engines)
        {
            if (Exact(engines.TrimStart('=')) is { } version)
            {
                return new NodeVersion(version, "package.json engines.node");
            }
        }

        if (nodeOnPath() is { } text && Exact(text) is { } onPath)
        {
            if (partial is not { } named || Admits(named.Text, onPath))
            {
                return new NodeVersion(onPath, partial is null ? "node --version" : $"node --version (matching {partial.Value.File})");
            }

            problem = $"{named.File} says '{named.Text}', which is not a full version, and the node on the PATH is {onPath}; pass --version";
            return null;
        }

        problem = partial is not { } p
            ? "no Node.js version given: pass --version, or run where a .nvmrc, .node-version or node on the PATH says which"
            : $"{p.File} says '{p.Text}', which is not a full version, and there is no node on the PATH; pass --version";
        return null;
    }

    /// <summary>Whether a partial version (<c>20</c>, <c>v20.11</c>) admits the version; aliases (<c>lts/iron</c>) admit none.</summary>
    private static bool Admits(string partial, NpmVersion version) =>
        NpmRange.TryParse(partial.TrimStart('v', 'V'), SemverOptions.Loose, out var range, out _) && range.IsSatisfiedBy(version);

    private static string? FirstLine(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            for (int i = 0; i < 20 && reader.ReadLine() is { } line; i++)
            {
                string t = line.Trim();
                if (t.Length > 0 && !t.StartsWith('#'))
                {
                    return t.Length > 100 ? t[..100] : t;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static string? EnginesNode(string packageJson)
    {
        try
        {
            if (!File.Exists(packageJson) || new FileInfo(packageJson).Length > 10 * 1024 * 1024)
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(packageJson));
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("engines", out var engines) && engines.ValueKind == JsonValueKind.Object &&
                engines.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.String
                ? node.GetString()
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Runs <c>node --version</c>; null when there is no node on the PATH.</summary>
    public static string? RunNodeVersion()
    {
        try
        {
            var start = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            string output = process.StandardOutput.ReadToEnd();
            return process.WaitForExit(5000) && process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>This machine's platform as Node.js names it (<c>process.platform</c>).</summary>
    public static string CurrentPlatform() =>
        OperatingSystem.IsWindows() ? "win32"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : OperatingSystem.IsAndroid() ? "android"
        : "linux";
}
