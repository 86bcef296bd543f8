using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Testing;

namespace Vigil.Cli.Tests.Commands.Sync;

/// <summary>
/// <c>vigil db sync</c> against the layouts users have, served from loopback with the WG's real data: the WG's
/// repository as GitHub zips it, the WG's folder, osv.dev's npm folder (all.zip, modified_id.csv, ID.json), with
/// incremental pulls, validators, conflicts between sources, and every failure leaving the database as it was.
/// </summary>
public sealed class SyncCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly LoopbackFiles _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private CliResult Vigil(params string[] args) => CliRun.Run([.. args, "--db", _temp.File("local.db")]);

    private int Count() => JsonDocument.Parse(Vigil("db", "stats", "--json").Output).RootElement.GetProperty("advisories").GetInt32();

    [Fact]
    public void A_wg_repository_zip_as_github_serves_it_syncs_every_record_then_is_up_to_date()
    {
        _server.Put("/nodejs/security-wg/archive/main.zip", WgRepositoryZip());

        var first = Vigil("db", "sync", _server.Url + "/nodejs/security-wg/archive/main.zip", "--json");
        Assert.True(first.ExitCode == 0, first.Error);
        using (var summary = JsonDocument.Parse(first.Output))
        {
            Assert.Equal(644, summary.RootElement.GetProperty("added").GetInt32());
            Assert.Equal("the WG's folders in the archive", summary.RootElement.GetProperty("read").GetString());
        }

        Assert.StartsWith("NSWG-ECO-368  lodash prototype pollution", Vigil("db", "show", "NSWG-ECO-368").Output, StringComparison.Ordinal);

        var again = Vigil("db", "sync", _server.Url + "/nodejs/security-wg/archive/main.zip");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("up to date", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, _server.Requests("/nodejs/security-wg/archive/main.zip"));
    }

    [Fact]
    public void The_wgs_folder_syncs_as_it_imports()
    {
        var result = Vigil("db", "sync", SharedData.NodejsSecurityWg, "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(644, JsonDocument.Parse(result.Output).RootElement.GetProperty("added").GetInt32());
        var again = Vigil("db", "sync", SharedData.NodejsSecurityWg, "--json");
        Assert.Equal(644, JsonDocument.Parse(again.Output).RootElement.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public void Osv_devs_npm_folder_syncs_whole_first_then_only_what_its_index_says_changed()
    {
        var records = OsvRecords();
        Publish(records);

        var first = Vigil("db", "sync", _server.Url + "/npm/", "--json");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(records.Count, JsonDocument.Parse(first.Output).RootElement.GetProperty("added").GetInt32());
        Assert.Equal(1, _server.Requests("/npm/all.zip"));
        Assert.Equal(0, _server.RequestsUnder("/npm/NSWG-"));

        // One record changes upstream, one is new: the next sync fetches those two, nothing else.
        records["NSWG-ECO-368"] = Changed(records["NSWG-ECO-368"], "2030-01-01T00:00:00Z", "lodash prototype pollution (revised)");
        records["GHSA-aaaa-bbbb-cccc"] = Encoding.UTF8.GetBytes("""
            {"id":"GHSA-aaaa-bbbb-cccc","modified":"2030-01-02T03:04:05.123456789Z","summary":"A new advisory","affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.3.0"}]}]}]}
            """);
        Publish(records);
        _server.ResetCounts();

        var second = Vigil("db", "sync", _server.Url + "/npm", "--json");
        Assert.True(second.ExitCode == 0, second.Error);
        using (var summary = JsonDocument.Parse(second.Output))
        {
            Assert.Equal(1, summary.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(1, summary.RootElement.GetProperty("updated").GetInt32());
        }

        Assert.Equal(0, _server.Requests("/npm/all.zip"));
        Assert.Equal(1, _server.Requests("/npm/NSWG-ECO-368.json"));
        Assert.Equal(1, _server.Requests("/npm/GHSA-aaaa-bbbb-cccc.json"));
        Assert.Equal(2, _server.RequestsUnder("/npm/NSWG-") + _server.RequestsUnder("/npm/GHSA-"));
        Assert.Contains("(revised)", Vigil("db", "show", "NSWG-ECO-368").Output, StringComparison.Ordinal);

        _server.ResetCounts();
        var third = Vigil("db", "sync", _server.Url + "/npm/");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("up to date", third.Output, StringComparison.Ordinal);
        Assert.Equal(1, _server.Requests("/npm/modified_id.csv"));
        Assert.Equal(0, _server.RequestsUnder("/npm/NSWG-"));
    }

    [Fact]
    public void An_interrupted_sync_stores_nothing_and_the_next_one_resumes_from_the_last_completed_sync()
    {
        var records = OsvRecords();
        Publish(records);
        Assert.Equal(0, Vigil("db", "sync", _server.Url + "/npm/").ExitCode);

        records["NSWG-ECO-1"] = Changed(records["NSWG-ECO-1"], "2030-01-01T00:00:00Z", "first changed");
        records["NSWG-ECO-2"] = Changed(records["NSWG-ECO-2"], "2030-01-01T00:00:01Z", "second changed");
        Publish(records);
        _server.Remove("/npm/NSWG-ECO-1.json");

        var broken = Vigil("db", "sync", _server.Url + "/npm/");
        Assert.Equal(3, broken.ExitCode);
        Assert.Contains("/npm/NSWG-ECO-1.json answered 404", broken.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was stored", broken.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("second changed", Vigil("db", "show", "NSWG-ECO-2").Output, StringComparison.Ordinal);

        Publish(records);
        var resumed = Vigil("db", "sync", _server.Url + "/npm/", "--json");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(2, JsonDocument.Parse(resumed.Output).RootElement.GetProperty("updated").GetInt32());
        Assert.Contains("first changed", Vigil("db", "show", "NSWG-ECO-1").Output, StringComparison.Ordinal);
        Assert.Contains("second changed", Vigil("db", "show", "NSWG-ECO-2").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_sources_get_clear_errors_and_nothing_is_written()
    {
        var records = OsvRecords();
        Assert.Equal(0, Vigil("db", "import", SharedData.NodejsSecurityWg).ExitCode);
        int before = Count();

        // A record that is not OSV, named inside the archive.
        var damaged = new Dictionary<string, byte[]>(records) { ["NSWG-ECO-5"] = Encoding.UTF8.GetBytes("{\"id\": \"NSWG-ECO-5\", \"modified\": ") };
        _server.Put("/bad/all.zip", OsvZip(damaged));
        var bad = Vigil("db", "sync", _server.Url + "/bad/all.zip");
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("/bad/all.zip!NSWG-ECO-5.json:", bad.Error, StringComparison.Ordinal);

        // A record whose id is not its file's name.
        var renamed = new Dictionary<string, byte[]>(records) { ["NSWG-ECO-6"] = records["NSWG-ECO-7"] };
        _server.Put("/renamed/all.zip", OsvZip(renamed));
        var mismatch = Vigil("db", "sync", _server.Url + "/renamed/all.zip");
        Assert.Equal(3, mismatch.ExitCode);
        Assert.Contains("all.zip!NSWG-ECO-6.json: the record's id is NSWG-ECO-7, but the file is named NSWG-ECO-6.json", mismatch.Error, StringComparison.Ordinal);

        // Not a zip at all; a body that is not what the server's digest says; nobody listening.
        _server.Put("/notzip/all.zip", Encoding.UTF8.GetBytes("<html>not found</html>"));
        Assert.Contains("is not a readable zip archive", Vigil("db", "sync", _server.Url + "/notzip/all.zip").Error, StringComparison.Ordinal);
        _server.Put("/digest/all.zip", OsvZip(records));
        _server.WrongDigest = "sha-256=:" + Convert.ToBase64String(new byte[32]) + ":";
        Assert.Contains("does not match the server's Repr-Digest", Vigil("db", "sync", _server.Url + "/digest/all.zip").Error, StringComparison.Ordinal);
        _server.WrongDigest = null;
        var unreachable = Vigil("db", "sync", "http://127.0.0.1:1/osv/");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("cannot reach http://127.0.0.1:1/osv/modified_id.csv", unreachable.Error, StringComparison.Ordinal);

        // A bad line in an index, named by its line number.
        _server.Put("/index/modified_id.csv", Encoding.UTF8.GetBytes("2024-01-01T00:00:00Z,NSWG-ECO-1\nyesterday,NSWG-ECO-2\n"));
        Assert.Contains("/index/modified_id.csv:2: 'yesterday' is not an RFC 3339 time", Vigil("db", "sync", _server.Url + "/index/").Error, StringComparison.Ordinal);

        Assert.Contains("is neither a folder, a zip file nor an http(s) address", Vigil("db", "sync", "ftp://example.invalid/x").Error, StringComparison.Ordinal);
        Assert.Equal(before, Count());
    }

    [Fact]
    public void A_record_of_another_source_with_the_same_id_is_kept_and_the_conflict_reported()
    {
        // The platform published NSWG-ECO-520 (an OSV record of its own); later the WG publishes its own 520.
        string platform = _temp.File("NSWG-ECO-520.json");
        File.WriteAllText(platform, """
            {"id":"NSWG-ECO-520","modified":"2026-11-01T00:00:00Z","published":"2026-11-01T00:00:00Z","summary":"Prototype pollution in padStart",
             "affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.3.1"}]}]}]}
            """);
        Assert.Equal(0, Vigil("db", "import", platform).ExitCode);

        var wg520 = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.NodejsSecurityWg, "npm", "519.json")))!;
        wg520["id"] = 520;
        _server.Put("/wg/main.zip", WgRepositoryZip(zip => Add(zip, "security-wg-main/vuln/npm/520.json", Encoding.UTF8.GetBytes(wg520.ToJsonString()))));

        var sync = Vigil("db", "sync", _server.Url + "/wg/main.zip");
        Assert.Equal(1, sync.ExitCode);
        Assert.Contains("NSWG-ECO-520: not replaced: the stored record came from osv, this one from nswg-npm", sync.Error, StringComparison.Ordinal);
        Assert.Contains("conflicts        1", sync.Output, StringComparison.Ordinal);
        Assert.Contains("Prototype pollution in padStart", Vigil("db", "show", "NSWG-ECO-520").Output, StringComparison.Ordinal);
        Assert.Equal(645, Count());
    }

    /// <summary>The WG's data as GitHub zips the repository: <c>security-wg-main/vuln/…</c>, with the repository's other files beside it.</summary>
    private static byte[] WgRepositoryZip(Action<ZipArchive>? more = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "security-wg-main/README.md", "# Security WG"u8.ToArray());
            Add(zip, "security-wg-main/package.json", "{\"name\": \"security-wg\"}"u8.ToArray());
            foreach (string folder in new[] { "core", "npm", "deps" })
            {
                foreach (string file in Directory.EnumerateFiles(Path.Combine(SharedData.NodejsSecurityWg, folder), "*.json"))
                {
                    Add(zip, $"security-wg-main/vuln/{folder}/{Path.GetFileName(file)}", File.ReadAllBytes(file));
                }
            }

            more?.Invoke(zip);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }

    /// <summary>The WG's npm records as OSV files (what <c>vigil db export --format osv</c> writes), by id.</summary>
    private Dictionary<string, byte[]> OsvRecords()
    {
        string db = _temp.File("source.db"), folder = Path.Combine(_temp.Path, "osv-export");
        if (!Directory.Exists(folder))
        {
            Assert.Equal(0, CliRun.Run("db", "import", SharedData.NodejsSecurityWg, "--db", db).ExitCode);
            Assert.Equal(0, CliRun.Run("db", "export", "--format", "osv", "--out", folder, "--db", db).ExitCode);
        }

        return Directory.EnumerateFiles(folder, "NSWG-ECO-*.json").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllBytes, StringComparer.Ordinal);
    }

    /// <summary>Serves <paramref name="records"/> as osv.dev's <c>npm/</c> folder: all.zip, modified_id.csv (newest first), ID.json.</summary>
    private void Publish(Dictionary<string, byte[]> records)
    {
        _server.Put("/npm/all.zip", OsvZip(records));
        var lines = records.Select(r => (Modified: JsonDocument.Parse(r.Value).RootElement.GetProperty("modified").GetString()!, Id: r.Key))
            .OrderByDescending(l => DateTimeOffset.Parse(l.Modified[..Math.Min(l.Modified.Length, 27)].TrimEnd('Z') + "Z", System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(l => l.Id, StringComparer.Ordinal);
        _server.Put("/npm/modified_id.csv", Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => $"{l.Modified},{l.Id}\n"))));
        foreach (var (id, content) in records)
        {
            _server.Put($"/npm/{id}.json", content);
        }
    }

    private static byte[] OsvZip(Dictionary<string, byte[]> records)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (id, content) in records.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Add(zip, id + ".json", content);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Changed(byte[] record, string modified, string summary)
    {
        var node = JsonNode.Parse(record)!;
        node["modified"] = modified;
        node["summary"] = summary;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
