namespace Vigil.Data.Schema;

/// <summary>
/// The schema, as an ordered list of steps. A step is never edited once released: changes are new steps.
/// </summary>
/// <remarks>
/// Advisories are stored whole, as their OSV JSON (<c>record</c>); the other columns and tables are indexes
/// derived from it, rebuilt whenever the record changes. Step 3 added what an audit reads instead of whole
/// records (each affected package's versions in compact form, and what reports show), and derives it for the
/// records already stored. Step 4 records which advisories the platform published, keyed by what they were
/// published from (a report), so that a report is published once. Step 5 adds a change counter: every transaction
/// that writes advisories raises it once and stamps the rows it wrote with it, so that a server's in-memory index
/// (several instances share one database) learns with one cheap read that something changed, and then what. Step 6
/// records when the counter last moved (snapshots and feeds send it as Last-Modified, rebuilding once per change),
/// and what each synced source gave last (<c>vigil db sync</c>); it relabels WG records stored as plain OSV. Step 7
/// puts the facts reports show beside each affected package, so that an audit reads one range of the package table and nothing else.
/// <para>
/// Derived data is rebuilt (<see cref="Advisories.AdvisoryReindex"/>) by the last step that changes its tables: the
/// writer writes the latest schema, so an earlier step cannot run it. Step 3 did until step 7 came; a database
/// older than step 3 is rebuilt by step 7 instead, to the same end.
/// </para>
/// </remarks>
internal static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        Both(1, """
            CREATE TABLE advisories (
                id TEXT NOT NULL PRIMARY KEY,
                modified TEXT NOT NULL,
                modified_ticks {bigint} NOT NULL,
                published TEXT NULL,
                withdrawn TEXT NULL,
                summary TEXT NULL,
                source TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                search_text TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE TABLE advisory_keys (
                key TEXT NOT NULL,
                advisory_id TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
                PRIMARY KEY (key, advisory_id)
            );
            CREATE INDEX ix_advisory_keys_advisory ON advisory_keys(advisory_id);
            CREATE TABLE advisory_packages (
                advisory_id TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
                ecosystem TEXT NOT NULL,
                name TEXT NOT NULL,
                PRIMARY KEY (advisory_id, ecosystem, name)
            );
            CREATE INDEX ix_advisory_packages_name ON advisory_packages(ecosystem, name);
            """),
        Both(2, """
            CREATE TABLE release_schedule (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                document TEXT NOT NULL,
                imported TEXT NOT NULL
            );
            """),
        new(3,
            Sqlite: AuditTables.Replace("{clustered}", " WITHOUT ROWID", StringComparison.Ordinal),
            PostgreSql: AuditTables.Replace("{clustered}", string.Empty, StringComparison.Ordinal)),
        Both(4, """
            CREATE TABLE advisory_publications (
                publication_key TEXT NOT NULL PRIMARY KEY,
                advisory_id TEXT NOT NULL UNIQUE REFERENCES advisories(id),
                published TEXT NOT NULL
            );
            """),
        Both(5, """
            CREATE TABLE advisory_revision (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                revision {bigint} NOT NULL
            );
            INSERT INTO advisory_revision (id, revision) VALUES (1, 0);
            ALTER TABLE advisories ADD COLUMN revision {bigint} NOT NULL DEFAULT 0;
            CREATE INDEX ix_advisories_revision ON advisories(revision);
            """),
        new(6,
            Sqlite: ChangeTables.Replace("{now}", Advisories.AdvisoryChanges.SqliteNow, StringComparison.Ordinal),
            PostgreSql: ChangeTables.Replace("{now}", Advisories.AdvisoryChanges.PostgreSqlNow, StringComparison.Ordinal),
            Then: Advisories.SourceRelabel.Run),
        new(7, FactsBesidePackages, FactsBesidePackages, Then: Advisories.AdvisoryReindex.Run),
    ];

    /// <summary>Step 6: when the change counter last moved, and the state of synced sources.</summary>
    private const string ChangeTables = """
        ALTER TABLE advisory_revision ADD COLUMN changed TEXT NOT NULL DEFAULT '1970-01-01T00:00:00.000Z';
        UPDATE advisory_revision SET changed = {now};
        CREATE TABLE sync_sources (
            source_url TEXT NOT NULL PRIMARY KEY,
            newest_modified TEXT NULL,
            index_etag TEXT NULL,
            synced TEXT NOT NULL
        );
        """;

    /// <summary>
    /// Step 7: the facts of <c>advisory_facts</c> repeated on each of the advisory's package rows. An audit finds the
    /// entries of its packages in a few neighbouring pages; the facts of the entries that match were, in their own
    /// table keyed by advisory id, one page read each. <c>advisory_facts</c> stays for reading by id.
    /// </summary>
    private const string FactsBesidePackages = """
        ALTER TABLE advisory_packages ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE advisory_packages ADD COLUMN summary TEXT NULL;
        ALTER TABLE advisory_packages ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
        ALTER TABLE advisory_packages ADD COLUMN severity_level TEXT NOT NULL DEFAULT '';
        ALTER TABLE advisory_packages ADD COLUMN severity_score TEXT NULL;
        ALTER TABLE advisory_packages ADD COLUMN severity_vector TEXT NULL;
        ALTER TABLE advisory_packages ADD COLUMN url TEXT NULL;
        ALTER TABLE advisory_packages ADD COLUMN cwes TEXT NOT NULL DEFAULT '';
        """;

    /// <summary>
    /// Step 3: what an audit reads instead of whole records. Packages are clustered by name (SQLite keeps a
    /// WITHOUT ROWID table in primary-key order), so that the entries of a package are read together; the facts
    /// reports show sit in a table of their own, away from the large record column.
    /// </summary>
    private const string AuditTables = """
        DROP TABLE advisory_packages;
        CREATE TABLE advisory_packages (
            ecosystem TEXT NOT NULL,
            name TEXT NOT NULL,
            advisory_id TEXT NOT NULL REFERENCES advisories(id) ON DELETE CASCADE,
            events TEXT NOT NULL,
            range_text TEXT NOT NULL,
            PRIMARY KEY (ecosystem, name, advisory_id)
        ){clustered};
        CREATE INDEX ix_advisory_packages_advisory ON advisory_packages(advisory_id);
        CREATE TABLE advisory_facts (
            advisory_id TEXT NOT NULL PRIMARY KEY REFERENCES advisories(id) ON DELETE CASCADE,
            withdrawn INTEGER NOT NULL,
            summary TEXT NULL,
            aliases TEXT NOT NULL,
            severity_level TEXT NOT NULL,
            severity_score TEXT NULL,
            severity_vector TEXT NULL,
            url TEXT NULL,
            cwes TEXT NOT NULL
        ){clustered};
        """;

    /// <summary>A step whose statements differ between the engines only in the name of the 64-bit integer type.</summary>
    private static Migration Both(int version, string sql) =>
        new(version, sql.Replace("{bigint}", "INTEGER", StringComparison.Ordinal), sql.Replace("{bigint}", "BIGINT", StringComparison.Ordinal));

    public static int Latest => All[^1].Version;
}
