using System.Diagnostics;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Policies;

/// <summary>The built server, started with a bad policy setting, stops at once with the setting's name and exit code 2.</summary>
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("Vigil__Disclosure__PublicationDays", "forty-five", "Vigil:Disclosure:PublicationDays: 'forty-five' is not a whole number")]
    [InlineData("Vigil__Group__ObjectionWindowDays", "-1", "Vigil:Group:ObjectionWindowDays: '-1' is not a whole number")]
    public async Task A_bad_policy_setting_stops_the_server_naming_the_key(string variable, string value, string message)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerProcess.Dll)!,
        };
        start.ArgumentList.Add(ServerProcess.Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Never reached: the setting is refused before the database is opened.
        start.Environment["Vigil__Db"] = Path.Combine(Path.GetTempPath(), "vigil-never-" + Guid.NewGuid().ToString("N") + ".db");
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the server did not stop on a bad setting");
        }

        string stderr = await error;
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {stderr}{await output}");
        Assert.Contains("vigil-server: " + message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
