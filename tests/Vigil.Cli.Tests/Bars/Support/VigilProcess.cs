using System.Text.Json;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>What one run of the built <c>vigil</c> as a child process did, and what it cost.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">What it printed on standard output.</param>
/// <param name="Error">What it printed on standard error.</param>
/// <param name="Elapsed">Wall time from its start to its exit (start-up of the .NET runtime included).</param>
/// <param name="PeakBytes">Its peak resident memory, as the kernel accounts it (<c>ru_maxrss</c> from <c>wait4</c>).</param>
/// <param name="CpuTime">The processor time it used, user and system, on all its threads (<c>ru_utime + ru_stime</c>):
/// unlike <paramref name="Elapsed"/>, it does not grow when other work on the machine keeps it waiting.</param>
internal sealed record ProcessRun(int ExitCode, string Output, string Error, TimeSpan Elapsed, long PeakBytes, TimeSpan CpuTime);

/// <summary>
/// Runs the built CLI (<c>dotnet vigil.dll</c>, from the Cli project's output copied beside the tests) as a child
/// process, measured by the kernel: a small Python wrapper forks, execs it, and reads its resource usage with
/// <c>os.wait4</c> (the peak resident set, <c>ru_maxrss</c>) and its wall time from fork to exit.
/// </summary>
internal static class VigilProcess
{
    private const string Wrapper = """
        import json, os, sys, time
        report, argv = sys.argv[1], sys.argv[2:]
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        with open(report, "w") as f:
            json.dump({"exit": os.waitstatus_to_exitcode(status), "seconds": seconds, "maxrss_kib": usage.ru_maxrss, "cpu_seconds": usage.ru_utime + usage.ru_stime}, f)
        """;

    /// <summary>The CLI's entry assembly.</summary>
    public static string Dll
    {
        get
        {
            string dll = Path.Combine(AppContext.BaseDirectory, "vigil.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("the built CLI is not beside the tests", dll);
        }
    }

    public static ProcessRun Run(string workingDirectory, params string[] args)
    {
        using var measures = new TempDirectory();
        string report = measures.File("usage.json");
        NodeTools.ProcessResult result;
        try
        {
            result = NodeTools.Run("python3", ["-c", Wrapper, report, "dotnet", Dll, .. args], workingDirectory, string.Empty, TimeSpan.FromSeconds(60));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is needed to measure the CLI's time and peak memory (os.wait4): " + e.Message, e);
        }

        if (!File.Exists(report))
        {
            throw new InvalidOperationException($"the measuring wrapper failed ({result.ExitCode}): {result.StandardError}");
        }

        using var usage = JsonDocument.Parse(File.ReadAllText(report));
        var root = usage.RootElement;
        return new ProcessRun(
            root.GetProperty("exit").GetInt32(),
            result.StandardOutput,
            result.StandardError,
            TimeSpan.FromSeconds(root.GetProperty("seconds").GetDouble()),
            root.GetProperty("maxrss_kib").GetInt64() * 1024,
            TimeSpan.FromSeconds(root.GetProperty("cpu_seconds").GetDouble()));
    }
}
