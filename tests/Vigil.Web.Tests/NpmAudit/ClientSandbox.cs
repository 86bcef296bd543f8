using System.Diagnostics;
using Vigil.Testing;

namespace Vigil.Web.Tests.NpmAudit;

/// <summary>
/// A project from the lockfile corpus (<c>shared/corpus/&lt;project&gt;</c>) as one client resolved it, copied into a
/// temporary folder with its own home, cache and config folders, so that the machine's user config never reaches
/// the client; and the client run there with the environment cleared of npm, yarn, pnpm and proxy settings.
/// </summary>
internal sealed class ClientSandbox : IDisposable
{
    private ClientSandbox(string root)
    {
        Root = root;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Cache);
        Directory.CreateDirectory(Project);
        File.WriteAllText(Path.Combine(Home, ".npmrc"), string.Empty);
    }

    /// <summary>The temporary folder.</summary>
    public string Root { get; }

    /// <summary>The client's home folder (empty but for an empty <c>.npmrc</c>).</summary>
    public string Home => Path.Combine(Root, "home");

    /// <summary>The client's cache folder.</summary>
    public string Cache => Path.Combine(Root, "cache");

    /// <summary>The project folder.</summary>
    public string Project => Path.Combine(Root, "project");

    /// <summary>
    /// Copies corpus project <paramref name="project"/> as <paramref name="client"/> (<c>npm</c>, <c>pnpm</c>,
    /// <c>yarn1</c>, <c>yarn4</c>) resolved it: the root <c>package.json</c>, the workspaces' manifests, and the
    /// client's lockfile (and its workspace file).
    /// </summary>
    public static ClientSandbox Of(string project, string client)
    {
        var sandbox = new ClientSandbox(Directory.CreateTempSubdirectory("vigil-npm-audit-").FullName);
        string source = Path.Combine(SharedData.Root, "corpus", project);
        File.Copy(Path.Combine(source, "package.json"), Path.Combine(sandbox.Project, "package.json"));
        string workspaces = Path.Combine(source, "packages");
        if (Directory.Exists(workspaces))
        {
            foreach (string manifest in Directory.EnumerateFiles(workspaces, "package.json", SearchOption.AllDirectories))
            {
                string target = Path.Combine(sandbox.Project, Path.GetRelativePath(source, manifest));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(manifest, target);
            }
        }

        foreach (string file in Directory.EnumerateFiles(Path.Combine(source, client)))
        {
            File.Copy(file, Path.Combine(sandbox.Project, Path.GetFileName(file)));
        }

        // The corpus is read-only; the copies must not be (clients write state files beside the lockfile).
        foreach (string file in Directory.EnumerateFiles(sandbox.Project, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        return sandbox;
    }

    /// <summary>The lockfile copied.</summary>
    public string Lockfile => new[] { "package-lock.json", "pnpm-lock.yaml", "yarn.lock" }
        .Select(name => Path.Combine(Project, name)).First(File.Exists);

    /// <summary>Runs <c>node script args…</c> (or another program) in the project folder; returns exit code, stdout and stderr.</summary>
    public NodeTools.ProcessResult Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Project,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string key in start.Environment.Keys.ToList())
        {
            string lower = key.ToLowerInvariant();
            if (lower.StartsWith("npm_", StringComparison.Ordinal) || lower.StartsWith("yarn_", StringComparison.Ordinal) || lower.StartsWith("pnpm_", StringComparison.Ordinal)
                || lower.StartsWith("xdg_", StringComparison.Ordinal) || lower.EndsWith("_proxy", StringComparison.Ordinal) || lower is "node_options" or "node_extra_ca_certs" or "ci")
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["HOME"] = Home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(Home, ".cache");
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Home, ".local", "share");
        start.Environment["XDG_STATE_HOME"] = Path.Combine(Home, ".local", "state");
        start.Environment["npm_config_userconfig"] = Path.Combine(Home, ".npmrc");
        start.Environment["npm_config_globalconfig"] = Path.Combine(Home, "npmrc-global");
        start.Environment["npm_config_cache"] = Cache;
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within 3 minutes: {stderr.Result}");
        }

        return new NodeTools.ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A client left a file open for a moment; the temporary folder is cleaned by the system.
        }
    }
}
