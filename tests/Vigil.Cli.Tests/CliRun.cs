namespace Vigil.Cli.Tests;

/// <summary>What one run of the CLI function printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs <c>vigil</c> in-process, the way <c>Program.Main</c> does, with captured output.</summary>
internal static class CliRun
{
    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Cli.Run(args, output, error);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
