using System.Data.Common;
using Npgsql;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
using Vigil.Testing;
using static Vigil.Data.Tests.Advisories.Records;

namespace Vigil.Data.Tests.Advisories;

/// <summary>
/// The advisory store on both engines: the embedded SQLite file and a real PostgreSQL database (reached through an
/// <see cref="NpgsqlDataSource"/>, as the server gives it). Schema, import, lookups, listing and publication.
/// </summary>
public sealed class BothEnginesTests
{
    public static TheoryData<string> Engines => new() { "sqlite", "postgres" };

    /// <summary>A fresh database on the engine; disposing it drops it.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly TempDirectory? _folder;
        private readonly PostgresDatabase? _postgres;
        private readonly NpgsqlDataSource? _source;

        public Engine(string engine)
        {
            if (engine == "sqlite")
            {
                _folder = new TempDirectory();
                Path = _folder.File("vigil.db");
                Database = VigilDatabase.OpenSqlite(Path);
            }
            else
            {
                _postgres = new PostgresDatabase();
                _source = NpgsqlDataSource.Create(_postgres.ConnectionString);
                Database = VigilDatabase.OpenPostgreSql(_source, _postgres.Name);
            }

            Store = new AdvisoryStore(Database);
        }

        public string? Path { get; }

        public VigilDatabase Database { get; }

        public AdvisoryStore Store { get; }

        /// <summary>The same database opened again (a second server, or the CLI on the same file).</summary>
        public VigilDatabase Reopen() => _source is null ? VigilDatabase.OpenSqlite(Path!) : VigilDatabase.OpenPostgreSql(_source, _postgres!.Name);

        public void Dispose()
        {
            _source?.Dispose();
            _postgres?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Each_import_that_writes_raises_the_change_counter_once_and_stamps_its_rows(string engine)
    {
        using var db = new Engine(engine);
        var store = db.Store;
        long start = store.Revision();
        store.Import([new(Make("X-1"), "test"), new(Make("X-2"), "test")]);
        Assert.Equal(start + 1, store.Revision());
        Assert.Equal(["X-1", "X-2"], store.ChangedSince(start).Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(store.ChangedSince(start), c => Assert.Equal(start + 1, c.Revision));

        store.Import([new(Make("X-1"), "test")]);
        Assert.Equal(start + 1, store.Revision());
        store.Import([new(Make("X-2", "2026-05-01T00:00:00Z", "changed"), "test")]);
        Assert.Equal(start + 2, store.Revision());
        Assert.Equal(["X-2"], store.ChangedSince(start + 1).Select(c => c.Id));
        Assert.Contains("changed", Assert.Single(store.ChangedSince(start + 1)).Json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_schema_is_made_once_and_reopening_keeps_the_data(string engine)
    {
        using var db = new Engine(engine);
        db.Store.Import([new(Make("X-1"), "test")]);

        var again = new AdvisoryStore(db.Reopen());

        Assert.Equal("X-1", Assert.Single(again.All()).Record.Id);
        using var connection = db.Database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(7, Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(7, Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Import_lookups_search_audit_reads_and_statistics_give_the_same_answers(string engine)
    {
        using var db = new Engine(engine);
        var store = db.Store;
        store.Import([
            new(Make("X-1", "2026-01-01T00:00:00Z", "first 100% thing", aliases: """["CVE-2026-0001"]"""), "test"),
            new(Make("X-2", "2026-03-01T00:00:00Z", "second thing", package: "@scope/pkg"), "test"),
            new(Make("X-3", "2026-02-01T00:00:00Z", "third_thing"), "other"),
        ]);

        Assert.Equal("X-1", Assert.Single(store.Find("cve-2026-0001")).Record.Id);
        Assert.Equal(["X-1"], store.Search("100%", null).Select(l => l.Id));
        Assert.Equal(["X-3"], store.Search("d_t", null).Select(l => l.Id));
        Assert.Equal(["X-2"], store.Search(null, "@scope/pkg").Select(l => l.Id));
        Assert.Equal(["X-1", "X-3"], store.AffectedEntries("npm", ["left-pad"]).Select(e => e.AdvisoryId).Order(StringComparer.Ordinal));
        Assert.Equal(["X-1", "X-2"], store.Facts(["X-1", "X-2", "nope"]).Keys.Order(StringComparer.Ordinal));
        var byPackage = store.Facts("npm", [("left-pad", "X-1"), ("@scope/pkg", "X-2"), ("left-pad", "X-2"), ("nope", "X-3")]);
        Assert.Equal(["X-1", "X-2"], byPackage.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["CVE-2026-0001"], byPackage["X-1"].Aliases);
        Assert.Equal(store.Facts(["X-1"])["X-1"].Severity, byPackage["X-1"].Severity);
        Assert.Equal("second thing", byPackage["X-2"].Summary);

        var stats = store.Statistics();
        Assert.Equal(3, stats.Advisories);
        Assert.Equal(1, stats.Aliases);
        Assert.Equal("2026-03-01T00:00:00Z", stats.NewestModified);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Latest_lists_newest_first_in_pages_with_the_filters(string engine)
    {
        using var db = new Engine(engine);
        var store = db.Store;
        store.Import([.. Enumerable.Range(1, 5).Select(i => new AdvisoryImport(Make($"X-{i}", $"2026-0{i}-01T00:00:00Z", $"thing {i}", package: i % 2 == 0 ? "even" : "odd"), "test"))]);

        var first = store.Latest(null, null, 0, 2);
        Assert.Equal(["X-5", "X-4"], first.Advisories.Select(a => a.Record.Id));
        Assert.True(first.HasMore);
        var last = store.Latest(null, null, 4, 2);
        Assert.Equal(["X-1"], last.Advisories.Select(a => a.Record.Id));
        Assert.False(last.HasMore);

        Assert.Equal(["X-4", "X-2"], store.Latest(null, "even", 0, 10).Advisories.Select(a => a.Record.Id));
        Assert.Equal(["X-3"], store.Latest("THING 3", "odd", 0, 10).Advisories.Select(a => a.Record.Id));
        Assert.Empty(store.Latest("thing 3", "even", 0, 10).Advisories);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Latest(null, null, 0, AdvisoryStore.MaxPageSize + 1));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Publishing_numbers_against_what_is_stored_once_per_key_and_is_found_by_id_and_alias(string engine)
    {
        using var db = new Engine(engine);
        db.Store.Import([new(Make("NSWG-ECO-519"), "nswg-npm"), new(Make("GHSA-xxxx-yyyy-zzzz", aliases: """["CVE-2026-1000"]"""), "osv")]);

        PublicationSlot? seen = null;
        var first = Publish(db, "report:a", slot =>
        {
            seen = slot;
            return Make("NSWG-ECO-520", aliases: """["CVE-2026-1001"]""");
        });
        Assert.True(first.Created);
        Assert.Contains("NSWG-ECO-519", seen!.AdvisoryIds);
        Assert.Contains("CVE-2026-1000", seen.Aliases);

        var again = Publish(db, "report:a", _ => throw new InvalidOperationException("must not build twice"));
        Assert.False(again.Created);
        Assert.Equal("NSWG-ECO-520", again.Advisory.Record.Id);

        var store = new AdvisoryStore(db.Reopen());
        Assert.Equal("NSWG-ECO-520", Assert.Single(store.Find("CVE-2026-1001")).Record.Id);
        Assert.Equal("vigil-test", Assert.Single(store.Find("nswg-eco-520")).Source);
        Assert.Equal("NSWG-ECO-520", store.Published("report:a")!.Record.Id);
        Assert.Null(store.Published("report:b"));

        var clash = Assert.Throws<InvalidOperationException>(() => Publish(db, "report:b", _ => Make("NSWG-ECO-519")));
        Assert.Contains("already stored", clash.Message, StringComparison.Ordinal);
        Assert.Equal("a summary", Assert.Single(store.Find("NSWG-ECO-519")).Record.Summary);
        Assert.Null(store.Published("report:b"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Publishers_racing_on_one_key_create_one_advisory_and_on_two_keys_two_numbers(string engine)
    {
        using var db = new Engine(engine);
        var start = new ManualResetEventSlim();

        PublishedAdvisory Race(string key) => Publish(db, key, slot =>
        {
            // Both would pick the same number if they read the ids at once.
            string id = "NSWG-ECO-" + (slot.AdvisoryIds.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Thread.Sleep(50);
            return Make(id);
        }, start);

        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Race("report:same")))
            .Append(Task.Run(() => Race("report:other"))).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        var same = results[..4];
        Assert.Single(same, p => p.Created);
        Assert.Single(same.Select(p => p.Advisory.Record.Id).Distinct());
        Assert.True(results[4].Created);
        Assert.NotEqual(same[0].Advisory.Record.Id, results[4].Advisory.Record.Id);
        Assert.Equal(["NSWG-ECO-1", "NSWG-ECO-2"], db.Store.All().Select(a => a.Record.Id));
    }

    private static PublishedAdvisory Publish(Engine db, string key, Func<PublicationSlot, OsvRecord> build, ManualResetEventSlim? start = null)
    {
        using DbConnection connection = db.Database.OpenConnection();
        start?.Wait(TestContext.Current.CancellationToken);
        using var transaction = connection.BeginTransaction();
        var published = db.Store.Publish(connection, transaction, key, "vigil-test", slot => build(slot) with { Published = new OsvTimestamp("2026-05-01T00:00:00Z") });
        transaction.Commit();
        return published;
    }

    [Fact]
    public void A_postgres_database_with_a_foreign_advisories_table_is_refused()
    {
        using var postgres = new PostgresDatabase();
        using var source = NpgsqlDataSource.Create(postgres.ConnectionString);
        using (var command = source.CreateCommand("CREATE TABLE advisories (x int)"))
        {
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<DatabaseException>(() => VigilDatabase.OpenPostgreSql(source, postgres.Name));
        Assert.Contains("did not make", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
