using Vigil.Testing;

namespace Vigil.Cli.Tests.Bars.Support;

/// <summary>A database with the WG's advisories imported once, for a test class (xunit class fixture).</summary>
public sealed class WgDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();

    public WgDatabase()
    {
        Path = _folder.File("vigil.db");
        var import = CliRun.Run("db", "import", SharedData.NodejsSecurityWg, "--db", Path);
        if (import.ExitCode != 0)
        {
            throw new InvalidOperationException($"vigil db import failed ({import.ExitCode}): {import.Error}");
        }
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Runs <c>vigil</c> in-process against this database.</summary>
    internal CliResult Vigil(params string[] args) => CliRun.Run([.. args, "--db", Path]);

    public void Dispose() => _folder.Dispose();
}
