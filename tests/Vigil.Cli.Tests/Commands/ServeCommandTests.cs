namespace Vigil.Cli.Tests.Commands;

/// <summary><c>vigil serve</c> runs the server program with the arguments and returns its exit code.</summary>
/// <remarks>The tests set VIGIL_SERVER, which no other test reads; tests in one class run one after another.</remarks>
public class ServeCommandTests
{
    [Fact]
    public void Serve_RunsTheServerWithTheArgumentsAndReturnsItsExitCode()
    {
        var result = WithServer("/bin/sh", () => CliRun.Run("serve", "-c", "exit 7"));
        Assert.Equal(7, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Serve_HelpIsTheServers()
    {
        // '--help' is passed on, not answered by vigil: /bin/echo prints what it was given.
        var result = WithServer("/bin/echo", () => CliRun.Run("serve", "--help", "--db", "x.db"));
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void Serve_WithoutTheServer_Exits3WithAClearMessage()
    {
        var result = WithServer("/no/such/vigil-server", () => CliRun.Run("serve"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot find the server program at /no/such/vigil-server", result.Error, StringComparison.Ordinal);
        Assert.Contains("VIGIL_SERVER", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsServe()
    {
        var result = CliRun.Run("--help");
        Assert.Contains("serve", result.Output, StringComparison.Ordinal);
    }

    private static CliResult WithServer(string path, Func<CliResult> run)
    {
        Environment.SetEnvironmentVariable("VIGIL_SERVER", path);
        try
        {
            return run();
        }
        finally
        {
            Environment.SetEnvironmentVariable("VIGIL_SERVER", null);
        }
    }
}
