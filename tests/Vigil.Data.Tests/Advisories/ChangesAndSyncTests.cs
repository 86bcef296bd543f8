using Npgsql;
using Vigil.Data.Advisories;
using Vigil.Testing;
using static Vigil.Data.Tests.Advisories.Records;

namespace Vigil.Data.Tests.Advisories;

/// <summary>
/// On both engines: the change counter moves once per writing transaction and never for a read or an import that
/// writes nothing; a record never replaces another source's record of the same id (the platform's published advisory
/// keeps its id when the WG's data brings the same one); a sync stores its records and its state together or not at all.
/// </summary>
public sealed class ChangesAndSyncTests
{
    public static TheoryData<string> Engines => new() { "sqlite", "postgres" };

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
                Store = new AdvisoryStore(VigilDatabase.OpenSqlite(_folder.File("vigil.db")));
            }
            else
            {
                _postgres = new PostgresDatabase();
                _source = NpgsqlDataSource.Create(_postgres.ConnectionString);
                Database = VigilDatabase.OpenPostgreSql(_source, _postgres.Name);
                Store = new AdvisoryStore(Database);
            }
        }

        public VigilDatabase? Database { get; }

        public AdvisoryStore Store { get; }

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
    public void The_change_counter_moves_once_per_writing_transaction(string engine)
    {
        using var db = new Engine(engine);
        var start = db.Store.Changes();

        db.Store.Import([new(Make("X-1"), "osv"), new(Make("X-2"), "osv")]);
        var afterImport = db.Store.Changes();
        Assert.Equal(start.Version + 1, afterImport.Version);
        Assert.True(afterImport.Changed >= start.Changed);
        Assert.True(afterImport.Changed > DateTimeOffset.UtcNow.AddMinutes(-5) && afterImport.Changed < DateTimeOffset.UtcNow.AddMinutes(5), $"changed {afterImport.Changed:O} is the database's clock, in UTC");

        db.Store.Import([new(Make("X-1"), "osv")]);
        _ = db.Store.All().ToList();
        Assert.Equal(afterImport.Version, db.Store.Changes().Version);

        var ids = new List<string>();
        var read = db.Store.ReadAll(r => ids.Add(r.Id));
        Assert.Equal(afterImport.Version, read.Version);
        Assert.Equal(["X-1", "X-2"], ids);

        db.Store.Import([new(Make("X-2", "2026-06-01T00:00:00Z", "changed"), "osv")]);
        Assert.Equal(afterImport.Version + 1, db.Store.Changes().Version);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_record_never_replaces_another_sources_record_of_the_same_id(string engine)
    {
        using var db = new Engine(engine);
        db.Store.Import([new(Make("NSWG-ECO-520", "2026-01-01T00:00:00Z", "the platform's advisory", package: "left-pad"), "vigil-platform")]);

        var summary = db.Store.Import([
            new(Make("NSWG-ECO-520", "2026-09-01T00:00:00Z", "the WG's own 520", package: "other-pkg"), "nswg-npm"),
            new(Make("NSWG-ECO-521", "2026-09-01T00:00:00Z", "a new one"), "nswg-npm"),
        ]);

        Assert.Equal([ImportOutcome.Conflict, ImportOutcome.Added], summary.Outcomes.Select(o => o.Outcome));
        var conflict = Assert.Single(summary.Conflicts);
        Assert.Equal(("NSWG-ECO-520", "vigil-platform", "nswg-npm"), (conflict.Id, conflict.StoredSource, conflict.OfferedSource));
        Assert.Contains("the stored record came from vigil-platform, this one from nswg-npm", conflict.ToString(), StringComparison.Ordinal);
        var kept = Assert.Single(db.Store.Find("NSWG-ECO-520"));
        Assert.Equal(("the platform's advisory", "vigil-platform"), (kept.Record.Summary, kept.Source));

        // The same content from another source is no conflict: nothing to replace.
        var same = db.Store.Import([new(Make("NSWG-ECO-520", "2026-01-01T00:00:00Z", "the platform's advisory", package: "left-pad"), "osv")]);
        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(same.Outcomes).Outcome);
        Assert.Empty(same.Conflicts);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_sync_stores_its_records_and_its_state_together_or_not_at_all(string engine)
    {
        using var db = new Engine(engine);
        const string Url = "http://127.0.0.1:1/osv/";
        Assert.Null(db.Store.LastSync(Url));
        db.Store.Sync([new(Make("X-1"), "osv")], new SyncState(Url, "2026-01-01T00:00:00Z", "\"a\"", "2026-01-02T00:00:00Z"));
        Assert.Equal(new SyncState(Url, "2026-01-01T00:00:00Z", "\"a\"", "2026-01-02T00:00:00Z"), db.Store.LastSync(Url));
        long version = db.Store.Changes().Version;

        IEnumerable<AdvisoryImport> Broken()
        {
            yield return new(Make("X-2"), "osv");
            yield return new(Make("X-1", "2026-05-01T00:00:00Z", "changed"), "osv");
            throw new InvalidDataException("the third record is bad");
        }

        Assert.Throws<InvalidDataException>(() => db.Store.Sync(Broken(), new SyncState(Url, "2026-05-01T00:00:00Z", "\"b\"", "2026-05-02T00:00:00Z")));
        Assert.Equal(["X-1"], db.Store.All().Select(a => a.Record.Id));
        Assert.Equal("a summary", db.Store.Find("X-1").Single().Record.Summary);
        Assert.Equal("\"a\"", db.Store.LastSync(Url)!.IndexEtag);
        Assert.Equal(version, db.Store.Changes().Version);

        db.Store.Sync([new(Make("X-2"), "osv")], new SyncState(Url, null, null, "2026-05-03T00:00:00Z"));
        Assert.Equal(new SyncState(Url, null, null, "2026-05-03T00:00:00Z"), db.Store.LastSync(Url));
        Assert.Equal(["X-1", "X-2"], db.Store.All().Select(a => a.Record.Id));
    }
}
