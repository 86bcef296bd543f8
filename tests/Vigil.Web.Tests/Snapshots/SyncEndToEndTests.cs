using System.Text.Json;
using Vigil.Data.Advisories;
using Vigil.Testing;
using Vigil.Web.Tests.Publication;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Snapshots;

/// <summary>
/// A Vigil server on a real loopback socket, and the real <c>vigil</c> program (built beside these tests) syncing a
/// local database from it: the first sync takes <c>/osv/all.zip</c>, the next only the record that changed; the
/// WG download syncs back to the same records. Both engines on the server side (the CLI's database is SQLite).
/// </summary>
public sealed class SyncEndToEndTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task The_cli_syncs_from_the_server_whole_then_incrementally(string engine)
    {
        using var server = await LiveServer.StartAsync(engine);
        var store = PublicationSteps.Store(server);
        Assert.Equal(0, new AdvisoryImporter(store, TimeProvider.System).Import([SharedData.NodejsSecurityWg]).Rejected);
        string db = _temp.File("local.db");

        using (var first = Json(Vigil("db", "sync", server.Url() + "/osv/", "--json", "--db", db)))
        {
            Assert.Equal(644, first.RootElement.GetProperty("added").GetInt32());
            Assert.Equal("the folder's all.zip (first sync)", first.RootElement.GetProperty("read").GetString());
        }

        store.Import([new(PublicationSteps.Imported("GHSA-2222-3333-4444", "2030-02-01T00:00:00Z", "Published later", package: "parse-things"), "osv")]);
        using (var second = Json(Vigil("db", "sync", server.Url() + "/osv/", "--json", "--db", db)))
        {
            Assert.Equal(1, second.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(0, second.RootElement.GetProperty("updated").GetInt32());
            Assert.StartsWith("1 changed records of the index's 645 lines", second.RootElement.GetProperty("read").GetString(), StringComparison.Ordinal);
        }

        var show = Vigil("db", "show", "GHSA-2222-3333-4444", "--db", db);
        Assert.Contains("Published later", show.Output, StringComparison.Ordinal);

        var upToDate = Vigil("db", "sync", server.Url() + "/osv/", "--db", db);
        Assert.Contains("up to date", upToDate.Output, StringComparison.Ordinal);

        // The WG's own folders from the same server are the same records: nothing changes.
        using var wg = Json(Vigil("db", "sync", server.Url() + "/nswg/all.zip", "--json", "--db", db));
        Assert.Equal(644, wg.RootElement.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, wg.RootElement.GetProperty("conflicts").GetInt32());
    }

    private static (int ExitCode, string Output, string Error) Vigil(params string[] args)
    {
        // tests/Vigil.Web.Tests/bin/<configuration>/<framework>/: the CLI was built with the same configuration.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string vigil = Path.Combine(SharedData.RepositoryRoot, "src", "Vigil.Cli", "bin", output.Parent!.Name, output.Name, "vigil");
        Assert.True(File.Exists(vigil), $"{vigil} is missing: build the solution (the test project builds src/Vigil.Cli first)");
        var run = NodeTools.Run(vigil, args, SharedData.RepositoryRoot, string.Empty, TimeSpan.FromSeconds(120));
        return (run.ExitCode, run.StandardOutput, run.StandardError);
    }

    private static JsonDocument Json((int ExitCode, string Output, string Error) run)
    {
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        return JsonDocument.Parse(run.Output);
    }
}
