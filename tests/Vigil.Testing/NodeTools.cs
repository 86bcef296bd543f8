using System.Diagnostics;

namespace Vigil.Testing;

/// <summary>
/// Runs the real npm tools the tests compare Vigil against. Each tool lives in <c>tests/tools/&lt;name&gt;</c> with
/// its own <c>package.json</c> and lockfile; the first test that needs it installs it with <c>npm ci</c>.
/// </summary>
public static class NodeTools
{
    /// <summary>The folder of a tool, installed.</summary>
    public static string Tool(string name)
    {
        string folder = Path.Combine(SharedData.RepositoryRoot, "tests", "tools", name);
        EnsureInstalled(folder);
        return folder;
    }

    /// <summary>Runs <c>node script args…</c> in the tool's folder with the given standard input; returns standard output.</summary>
    public static string RunNode(string toolFolder, string script, string input, TimeSpan timeout, params string[] args)
    {
        var result = Run("node", [script, .. args], toolFolder, input, timeout);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"node {script} exited with {result.ExitCode}: {result.StandardError}");
    }

    private static void EnsureInstalled(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            return;
        }

        // Test processes run in parallel: one installs, the others wait for it.
        using var gate = AcquireLock(Path.Combine(folder, ".install.lock"));
        if (Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            return;
        }

        var result = Run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], folder, string.Empty, TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} failed ({result.ExitCode}): {result.StandardError}");
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }

    /// <summary>The outcome of a process run.</summary>
    public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a program and waits for it, killing it after <paramref name="timeout"/>.</summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, string input, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program stopped reading (it failed early): its exit code and standard error tell why.
        }

        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
