using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vigil.Cli.Commands;

/// <summary>
/// <c>vigil serve [options]</c>: runs the disclosure platform, <c>vigil-server</c>, which is published beside
/// <c>vigil</c> (docs/adr/0005). The server is ASP.NET Core and not AOT-safe, so it is a program of its own; this
/// command finds it, runs it with the same arguments and the same terminal, and returns its exit code.
/// </summary>
static class ServeCommand
{
    private const int SigTerm = 15;

    /// <summary>The environment variable that names the server program, when it is not beside <c>vigil</c>.</summary>
    public const string EnvironmentVariable = "VIGIL_SERVER";

    /// <summary>The entry in <c>vigil --help</c>; the arguments are handled by <see cref="Run"/>, before parsing.</summary>
    public static Command Create() => new("serve",
        "Run the disclosure platform (web pages and the API). Options go to the server: see 'vigil serve --help'.\n" +
        "Exit codes: the server's (0 stopped, 4 database error), or 3 when vigil-server is not found.");

    public static int Run(string[] args)
    {
        string path = Locate();
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.UnreadableInput,
                $"cannot find the server program at {path} (publish it beside vigil, or set {EnvironmentVariable} to its path)");
        }

        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Ctrl+C reaches the server too (same process group): vigil waits for it to shut down. A SIGTERM sent to
        // vigil alone (a service manager) is passed on, so the server stops as gracefully as when it gets it itself.
        using var server = Process.Start(start) ?? throw new CliException(ExitCodes.UnreadableInput, $"cannot start {path}");
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            if (!OperatingSystem.IsWindows())
            {
                _ = SendSignal(server.Id, SigTerm);
            }
            else
            {
                server.Kill();
            }
        });
        server.WaitForExit();
        return server.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "vigil-server.exe" : "vigil-server");
    }
}
