using System.Text.Json;
using Vigil.Domain.Semver;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>
/// What each client says a project's lockfile holds, as "name@version" sets, by the client's own parser or command.
/// The same references the lockfile readers' differential tests use (<c>tests/Vigil.Lockfiles.Tests/Support/*Oracle.cs</c>),
/// here read as sets for the CLI's output: npm <c>npm query '*' --package-lock-only</c>; yarn's own parsers
/// (<c>tests/tools/yarn-lockfile/entries.js</c>); pnpm's own reader (<c>tests/tools/pnpm-lockfile/packages.js</c>, with
/// <c>@pnpm/lockfile.fs</c>) and <c>pnpm list --lockfile-only</c>; <c>bun pm ls --all</c>. Workspaces, links and the
/// root are not packages on either side.
/// </summary>
internal static class ClientLists
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static SortedSet<string> Npm(string folder)
    {
        var run = NodeTools.Run("npm", ["query", "*", "--package-lock-only", "--offline"], folder, string.Empty, Timeout);
        Assert.True(run.ExitCode == 0, $"npm query failed: {run.StandardError}");
        var set = new SortedSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(run.StandardOutput);
        foreach (var node in document.RootElement.EnumerateArray())
        {
            string location = Text(node, "location");
            if (location.Length == 0 || Flag(node, "isWorkspace") || Flag(node, "isLink") || IsWorkspaceFolder(folder, location))
            {
                continue;
            }

            set.Add(Text(node, "name") + "@" + Text(node, "version"));
        }

        return set;
    }

    public static SortedSet<string> Yarn(string folder) =>
        Lines(NodeTools.RunNode(NodeTools.Tool("yarn-lockfile"), "entries.js", string.Empty, Timeout, Path.Combine(folder, "yarn.lock")));

    public static SortedSet<string> PnpmReader(string folder) =>
        Lines(NodeTools.RunNode(NodeTools.Tool("pnpm-lockfile"), "packages.js", string.Empty, Timeout, folder));

    /// <summary><c>pnpm list [-r] --depth Infinity --json --lockfile-only</c>: every package of every importer's tree, by its real name.</summary>
    public static SortedSet<string> PnpmList(string folder)
    {
        string pnpm = Path.Combine(NodeTools.Tool("pnpm"), "node_modules", "pnpm", "bin", "pnpm.cjs");
        string[] recursive = File.Exists(Path.Combine(folder, "pnpm-workspace.yaml")) ? ["-r"] : [];
        var run = NodeTools.Run("node", [pnpm, "list", .. recursive, "--depth", "Infinity", "--json", "--lockfile-only"], folder, string.Empty, Timeout);
        Assert.True(run.ExitCode == 0, $"pnpm list failed: {run.StandardError}");
        var set = new SortedSet<string>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(run.StandardOutput);
        foreach (var importer in document.RootElement.EnumerateArray())
        {
            foreach (string group in new[] { "dependencies", "devDependencies", "optionalDependencies" })
            {
                if (importer.TryGetProperty(group, out var dependencies))
                {
                    CollectPnpm(dependencies, set, 0);
                }
            }
        }

        return set;
    }

    /// <summary>
    /// <c>bun pm ls --all</c>: every package under the name it is installed as (an npm alias under the alias).
    /// Workspaces and other local packages, which bun prints with a locator instead of a version, are left out.
    /// </summary>
    public static SortedSet<string> Bun(string folder)
    {
        string bun = Directory.EnumerateFiles(Path.Combine(NodeTools.Tool("bun"), "node_modules", "@oven"), "bun", SearchOption.AllDirectories).First();
        var run = NodeTools.Run(bun, ["pm", "ls", "--all"], folder, string.Empty, Timeout);
        Assert.True(run.ExitCode == 0, $"bun pm ls failed: {run.StandardError}");
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string line in run.StandardOutput.Split('\n').Skip(1))
        {
            string entry = line.TrimStart('│', '├', '└', '─', ' ', '\u00a0').TrimEnd();
            if (entry.Length == 0)
            {
                continue;
            }

            int at = entry.LastIndexOf('@');
            if (NpmVersion.TryParse(entry[(at + 1)..], SemverOptions.Loose, out _, out _))
            {
                set.Add(entry);
            }
        }

        return set;
    }

    private static void CollectPnpm(JsonElement dependencies, SortedSet<string> set, int depth)
    {
        Assert.True(depth < 100, "pnpm list printed a tree deeper than 100 levels");
        foreach (var dependency in dependencies.EnumerateObject())
        {
            string version = dependency.Value.GetProperty("version").GetString()!;
            string resolved = dependency.Value.TryGetProperty("resolved", out var r) ? r.GetString()! : string.Empty;
            bool local = version.StartsWith("link:", StringComparison.Ordinal) || version.StartsWith("file:", StringComparison.Ordinal) || resolved.StartsWith("file:", StringComparison.Ordinal);
            if (!local)
            {
                string name = dependency.Value.TryGetProperty("from", out var from) ? from.GetString()! : dependency.Name;
                set.Add(name + "@" + version);
            }

            if (dependency.Value.TryGetProperty("dependencies", out var children))
            {
                CollectPnpm(children, set, depth + 1);
            }
        }
    }

    private static bool IsWorkspaceFolder(string folder, string location) =>
        !location.Contains("node_modules", StringComparison.Ordinal) && File.Exists(Path.Combine(folder, location, "package.json"));

    private static SortedSet<string> Lines(string text) => new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static bool Flag(JsonElement node, string name) => node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string Text(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
