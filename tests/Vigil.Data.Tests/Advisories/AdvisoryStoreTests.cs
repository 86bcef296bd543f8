using Microsoft.Data.Sqlite;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
using Vigil.Testing;
using static Vigil.Data.Tests.Advisories.Records;

namespace Vigil.Data.Tests.Advisories;

public sealed class AdvisoryStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private AdvisoryStore NewStore() => new(VigilDatabase.OpenSqlite(_temp.File("vigil.db")));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Import_AddsThenLeavesIdenticalRecordsAlone()
    {
        var store = NewStore();
        var first = store.Import([new(Make("X-1"), "test"), new(Make("X-2"), "test")]);
        Assert.Equal([ImportOutcome.Added, ImportOutcome.Added], first.Outcomes.Select(o => o.Outcome));

        var again = store.Import([new(Make("X-1"), "test"), new(Make("X-2"), "test")]);
        Assert.Equal([ImportOutcome.Unchanged, ImportOutcome.Unchanged], again.Outcomes.Select(o => o.Outcome));
        Assert.Equal(2, store.All().Count());
    }

    [Fact]
    public void Import_NewerReplaces_OlderNeverDoes()
    {
        var store = NewStore();
        store.Import([new(Make("X-1", "2026-02-01T00:00:00Z", "newer text"), "test")]);

        var older = store.Import([new(Make("X-1", "2026-01-01T00:00:00Z", "older text"), "test")]);
        Assert.Equal(ImportOutcome.Older, older.Outcomes[0].Outcome);
        Assert.Equal("newer text", store.Find("X-1").Single().Record.Summary);

        var newer = store.Import([new(Make("X-1", "2026-03-01T00:00:00Z", "newest text"), "test")]);
        Assert.Equal(ImportOutcome.Updated, newer.Outcomes[0].Outcome);
        Assert.Equal("newest text", store.Find("X-1").Single().Record.Summary);
    }

    [Fact]
    public void Import_ModifiedByImport_KeepsTheStoredTimeUnlessTheContentChanges()
    {
        var store = NewStore();
        store.Import([new(Make("C-1", "2026-01-01T00:00:00Z"), "core", ModifiedByImport: true)]);

        var same = store.Import([new(Make("C-1", "2026-05-05T00:00:00Z"), "core", ModifiedByImport: true)]);
        Assert.Equal(ImportOutcome.Unchanged, same.Outcomes[0].Outcome);
        Assert.Equal("2026-01-01T00:00:00Z", store.Find("C-1").Single().Record.Modified.Text);

        var changed = store.Import([new(Make("C-1", "2025-01-01T00:00:00Z", "changed"), "core", ModifiedByImport: true)]);
        Assert.Equal(ImportOutcome.Updated, changed.Outcomes[0].Outcome);
        Assert.Equal("changed", store.Find("C-1").Single().Record.Summary);
    }

    [Fact]
    public void Import_IsOneTransaction()
    {
        var store = NewStore();
        static IEnumerable<AdvisoryImport> FailHalfway()
        {
            yield return new(Make("X-1"), "test");
            throw new InvalidOperationException("the source broke");
        }

        Assert.Throws<InvalidOperationException>(() => store.Import(FailHalfway()));
        Assert.Empty(store.All());
    }

    [Fact]
    public void Find_ByIdOrAlias_InAnyCase()
    {
        var store = NewStore();
        store.Import([new(Make("NSWG-ECO-1", aliases: """["CVE-2020-0001"]"""), "test"), new(Make("GHSA-xxxx", aliases: """["CVE-2020-0001"]"""), "test")]);
        Assert.Equal(["GHSA-xxxx", "NSWG-ECO-1"], store.Find("cve-2020-0001").Select(a => a.Record.Id));
        Assert.Equal("NSWG-ECO-1", store.Find(" nswg-eco-1 ").Single().Record.Id);
        Assert.Empty(store.Find("CVE-1999-0001"));
    }

    [Fact]
    public void Import_ReplacesTheIndexesOfAnUpdatedRecord()
    {
        var store = NewStore();
        store.Import([new(Make("X-1", "2026-01-01T00:00:00Z", package: "old-name", aliases: """["CVE-2020-0001"]"""), "test")]);
        store.Import([new(Make("X-1", "2026-02-01T00:00:00Z", package: "new-name", aliases: """["CVE-2020-0002"]"""), "test")]);
        Assert.Empty(store.Find("CVE-2020-0001"));
        Assert.Single(store.Find("CVE-2020-0002"));
        Assert.Empty(store.ForPackages("npm", ["old-name"]));
        Assert.Single(store.ForPackages("npm", ["new-name"]));
    }

    [Fact]
    public void ForPackages_MatchesEcosystemAndName()
    {
        var store = NewStore();
        store.Import([new(Make("X-1", package: "a"), "test"), new(Make("X-2", package: "b"), "test"), new(Make("X-3", package: "c"), "test")]);
        Assert.Equal(["X-1", "X-3"], store.ForPackages("npm", ["a", "c", "zzz"]).Select(a => a.Record.Id));
        Assert.Empty(store.ForPackages("PyPI", ["a"]));
        Assert.Equal(2_000, store.ForPackages("npm", Enumerable.Range(0, 2_000).Select(i => "p" + i).Append("a")).Count + 1_999);
    }

    [Theory]
    [InlineData("prototype", new[] { "X-1" })]
    [InlineData("PROTOTYPE", new[] { "X-1" })]
    [InlineData("%", new[] { "X-2" })]
    [InlineData("_", new string[0])]
    [InlineData("100%", new[] { "X-2" })]
    [InlineData("left-pad", new[] { "X-1", "X-2" })]
    [InlineData("cve-2020", new[] { "X-2" })]
    public void Search_MatchesTextLiterally(string text, string[] expected)
    {
        var store = NewStore();
        store.Import([
            new(Make("X-1", summary: "Prototype pollution"), "test"),
            new(Make("X-2", summary: "100% CPU", aliases: """["CVE-2020-1234"]"""), "test"),
        ]);
        Assert.Equal(expected, store.Search(text, null).Select(a => a.Id));
    }

    [Fact]
    public void Statistics_CountWhatIsStored()
    {
        var store = NewStore();
        store.Import([new(Make("X-1", aliases: """["CVE-2020-1"]"""), "one"), new(Make("X-2", "2026-06-01T00:00:00Z", package: "b"), "two")]);
        var stats = store.Statistics();
        Assert.Equal(2, stats.Advisories);
        Assert.Equal(1, stats.Aliases);
        Assert.Equal([("one", 1L), ("two", 1L)], stats.BySource);
        Assert.Equal([("npm", 2L, 2L)], stats.ByEcosystem);
        Assert.Equal("2026-06-01T00:00:00Z", stats.NewestModified);
    }

    [Fact]
    public void OpenSqlite_Reopens_AndKeepsTheData()
    {
        NewStore().Import([new(Make("X-1"), "test")]);
        SqliteConnection.ClearAllPools();
        Assert.Single(NewStore().All());
    }

    [Fact]
    public void OpenSqlite_RefusesFilesThatAreNotVigilDatabases()
    {
        File.WriteAllText(_temp.File("text.db"), "this is not a database, just text long enough to have a header............");
        Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqlite(_temp.File("text.db")));

        using (var other = new SqliteConnection($"Data Source={_temp.File("other.db")}"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE something (x INTEGER)";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqlite(_temp.File("other.db")));
        Assert.Contains("not a Vigil database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSqlite_RefusesANewerSchema()
    {
        NewStore();
        using (var connection = new SqliteConnection($"Data Source={_temp.File("vigil.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (999)";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var e = Assert.Throws<DatabaseException>(NewStore);
        Assert.Contains("newer Vigil", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSqlite_WithoutCreate_SaysThereIsNoDatabase()
    {
        var e = Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqlite(_temp.File("missing.db"), create: false));
        Assert.Contains("no database", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("missing.db")));
    }

    [Fact]
    public void OpenSqliteForReading_ReadsButNeverWrites()
    {
        NewStore().Import([new(Make("X-1"), "test")]);
        SqliteConnection.ClearAllPools();

        var database = VigilDatabase.OpenSqliteForReading(_temp.File("vigil.db"));
        var store = new AdvisoryStore(database);
        Assert.Equal("X-1", Assert.Single(store.Find("X-1")).Record.Id);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM advisories";
        Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Throws<SqliteException>(() => store.Import([new(Make("X-2"), "test")]));
        SqliteConnection.ClearAllPools();
        Assert.Single(NewStore().All());
    }

    [Fact]
    public void OpenSqliteForReading_ChecksTheSchemaAsOpenSqliteDoes()
    {
        var e = Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqliteForReading(_temp.File("missing.db")));
        Assert.Contains("no database", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("missing.db")));

        File.WriteAllText(_temp.File("text.db"), "this is not a database, just text long enough to have a header............");
        Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqliteForReading(_temp.File("text.db")));

        NewStore();
        using (var connection = new SqliteConnection($"Data Source={_temp.File("vigil.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version) VALUES (999)";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        e = Assert.Throws<DatabaseException>(() => VigilDatabase.OpenSqliteForReading(_temp.File("vigil.db")));
        Assert.Contains("newer Vigil", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSqliteForReading_BringsAnOlderSchemaUpToDateFirst()
    {
        NewStore().Import([new(Make("X-1"), "test")]);
        using (var connection = new SqliteConnection($"Data Source={_temp.File("vigil.db")}"))
        {
            // As a database written before step 3 (so without steps 4 to 6 either): its audit tables are rebuilt from the records.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM schema_version WHERE version >= 3; DROP TABLE advisory_facts; DROP TABLE advisory_publications;
                DROP TABLE advisory_revision; DROP INDEX ix_advisories_revision; ALTER TABLE advisories DROP COLUMN revision;
                DROP TABLE sync_sources;
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new AdvisoryStore(VigilDatabase.OpenSqliteForReading(_temp.File("vigil.db")));
        Assert.Equal(["X-1"], store.Facts(["X-1"]).Keys);
        Assert.Equal(["X-1"], store.Facts("npm", [("left-pad", "X-1")]).Keys);
    }

    [Fact]
    public void OpenSqliteForReading_PutsTheFactsBesideThePackagesOfADatabaseOfStep6()
    {
        NewStore().Import([new(Make("X-1", summary: "the summary"), "test")]);
        using (var connection = new SqliteConnection($"Data Source={_temp.File("vigil.db")}"))
        {
            // As a database written at step 6: the package rows have no facts (step 7 adds them, then rebuilds them).
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM schema_version WHERE version >= 7;
                ALTER TABLE advisory_packages DROP COLUMN withdrawn; ALTER TABLE advisory_packages DROP COLUMN summary;
                ALTER TABLE advisory_packages DROP COLUMN aliases; ALTER TABLE advisory_packages DROP COLUMN severity_level;
                ALTER TABLE advisory_packages DROP COLUMN severity_score; ALTER TABLE advisory_packages DROP COLUMN severity_vector;
                ALTER TABLE advisory_packages DROP COLUMN url; ALTER TABLE advisory_packages DROP COLUMN cwes;
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var store = new AdvisoryStore(VigilDatabase.OpenSqliteForReading(_temp.File("vigil.db")));
        Assert.Equal("the summary", store.Facts("npm", [("left-pad", "X-1")])["X-1"].Summary);
    }

    [Fact]
    public void Records_RoundTripThroughTheDatabase()
    {
        var store = NewStore();
        var record = Make("X-1", aliases: """["CVE-2020-1", "GHSA-abcd"]""");
        store.Import([new(record, "test")]);
        Assert.Equal(OsvJson.WriteString(record), OsvJson.WriteString(store.Find("X-1").Single().Record));
    }
}
