using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Data.Schema;
using Vigil.Data.Sqlite;

namespace Vigil.Data;

/// <summary>
/// A Vigil database: where its connections come from and which engine it runs on. Opening one brings its
/// schema up to date.
/// </summary>
/// <remarks>
/// SQLite runs in WAL mode with <c>synchronous=FULL</c>: a transaction that returned has reached the disk, so
/// an acknowledged import survives a crash or a power cut. PostgreSQL is reached through a data source the host
/// gives (<see cref="OpenPostgreSql"/>): this library names no PostgreSQL driver, so that the Native AOT CLI,
/// which uses only SQLite, carries none.
/// </remarks>
public sealed class VigilDatabase
{
    private readonly string? _connectionString;
    private readonly DbDataSource? _dataSource;
    private readonly bool _readOnly;

    private static readonly Lock ProviderLock = new();
    private static bool _providerChosen;

    /// <summary>
    /// Uses the SQLite library linked into the program (the <c>sqlite3</c> symbols) instead of the bundled
    /// <c>e_sqlite3</c> library. The CLI's Native AOT build links SQLite statically and calls this first.
    /// </summary>
    public static void UseLinkedSqlite()
    {
        ChooseProvider(new SQLitePCL.SQLite3Provider_sqlite3());
        SqliteRows.Linked = true;
    }

    private static void EnsureProvider() => ChooseProvider(null);

    private static void ChooseProvider(SQLitePCL.ISQLite3Provider? provider)
    {
        lock (ProviderLock)
        {
            if (!_providerChosen)
            {
                // Set explicitly, never found by reflection, so that Native AOT knows what it calls.
                SQLitePCL.raw.SetProvider(provider ?? new SQLitePCL.SQLite3Provider_e_sqlite3());
                _providerChosen = true;
            }
        }
    }

    private VigilDatabase(DatabaseProvider provider, string location, string? connectionString, DbDataSource? dataSource, bool readOnly = false)
    {
        Provider = provider;
        Location = location;
        _connectionString = connectionString;
        _dataSource = dataSource;
        _readOnly = readOnly;
    }

    /// <summary>The engine.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>Where the data is, for messages: the SQLite file's path, or the PostgreSQL database as the host describes it.</summary>
    public string Location { get; }

    /// <summary>
    /// Opens the SQLite database at <paramref name="path"/>, creating it (and its folder) when
    /// <paramref name="create"/> is true, and brings its schema up to date.
    /// </summary>
    /// <exception cref="DatabaseException">The file is missing (and not to be created), not a Vigil database, or newer.</exception>
    public static VigilDatabase OpenSqlite(string path, bool create = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureProvider();
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            if (!create)
            {
                throw new DatabaseException($"there is no database at {full} (import advisories first: vigil db import <path>)");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        var database = new VigilDatabase(DatabaseProvider.Sqlite, full, builder.ToString(), null);
        database.Migrate();
        return database;
    }

    /// <summary>
    /// Opens the advisory tables in the PostgreSQL database behind <paramref name="dataSource"/> (an
    /// <c>NpgsqlDataSource</c> the host made) and brings their schema up to date. Several servers starting at once
    /// migrate one after the other.
    /// </summary>
    /// <param name="dataSource">Where connections come from; the caller owns it.</param>
    /// <param name="location">The database for messages, without any secret (host and database name).</param>
    /// <exception cref="DatabaseException">The server cannot be reached, or its schema is newer.</exception>
    public static VigilDatabase OpenPostgreSql(DbDataSource dataSource, string location)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(location);
        var database = new VigilDatabase(DatabaseProvider.PostgreSql, location, null, dataSource);
        database.Migrate();
        return database;
    }

    /// <summary>
    /// Opens the existing SQLite database at <paramref name="path"/> for reading only, as an audit reads it: its
    /// connections cannot write, and the schema is only checked. A database written by an older Vigil is brought up
    /// to date first, as <see cref="OpenSqlite"/> does.
    /// </summary>
    /// <exception cref="DatabaseException">The file is missing, not a Vigil database, or newer.</exception>
    public static VigilDatabase OpenSqliteForReading(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        EnsureProvider();
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new DatabaseException($"there is no database at {full} (import advisories first: vigil db import <path>)");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30 };
        var database = new VigilDatabase(DatabaseProvider.Sqlite, full, builder.ToString(), null, readOnly: true);
        if (OpenCurrent(full) is { } reader)
        {
            database.Reader = reader;
            return database;
        }

        OpenSqlite(full, create: false);
        database.Reader = OpenCurrent(full) ?? throw new DatabaseException($"cannot use the database {full}: its schema was not brought up to date");
        return database;
    }

    /// <summary>
    /// A read-only connection to the database at <paramref name="full"/> when its schema is the latest, read without
    /// creating anything; null when it is not (a database without a version goes the long way, for its message).
    /// </summary>
    private static SqliteReader? OpenCurrent(string full)
    {
        SqliteReader? reader = null;
        try
        {
            reader = SqliteReader.Open(full);
            if (reader.Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'") > 0
                && reader.Scalar("SELECT COALESCE(MAX(version), 0) FROM schema_version") == Migrations.Latest)
            {
                return reader;
            }

            reader.Dispose();
            return null;
        }
        catch (SqliteException e)
        {
            reader?.Dispose();
            throw new DatabaseException($"cannot use the database {full}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The read-only connection of a database opened for reading, on which the audit's queries run
    /// (<see cref="Advisories.AdvisoryStore.AffectedEntries"/>, the facts by package); null otherwise.
    /// </summary>
    internal SqliteReader? Reader { get; private set; }

    /// <summary>Opens a connection, ready for use.</summary>
    public DbConnection OpenConnection()
    {
        if (_dataSource is not null)
        {
            try
            {
                return _dataSource.OpenConnection();
            }
            catch (DbException e)
            {
                throw new DatabaseException($"cannot open the database {Location}: {e.Message}", e);
            }
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = _readOnly
                ? "PRAGMA query_only=1; PRAGMA busy_timeout=30000;"
                : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DatabaseException($"cannot open the database {Location}: {e.Message}", e);
        }
    }

    /// <summary>
    /// A subquery of the values of a parameter that holds a JSON array of strings, for <c>x IN (…)</c>: one parameter
    /// for any number of values.
    /// </summary>
    internal string ListOf(string parameter) => Provider switch
    {
        DatabaseProvider.Sqlite => $"SELECT value FROM json_each({parameter})",
        _ => $"SELECT json_array_elements_text(CAST({parameter} AS json))",
    };

    /// <summary>
    /// A subquery of the pairs in a parameter that holds a JSON array of two-string arrays, for
    /// <c>(x, y) IN (…)</c>: one parameter for any number of pairs.
    /// </summary>
    internal string PairsOf(string parameter) => Provider switch
    {
        DatabaseProvider.Sqlite => $"SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({parameter})",
        _ => $"SELECT p->>0, p->>1 FROM json_array_elements(CAST({parameter} AS json)) AS p",
    };

    private void Migrate()
    {
        using var connection = OpenConnection();
        try
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                MigrateSqlite(connection);
            }
            else
            {
                MigratePostgreSql(connection);
            }
        }
        catch (DbException e)
        {
            throw new DatabaseException($"cannot use the database {Location}: {e.Message}", e);
        }
    }

    private void MigrateSqlite(DbConnection connection)
    {
        Execute(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        int current = CurrentVersion(connection, null);
        if (current == 0 && Convert.ToInt64(Scalar(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_version'"), CultureInfo.InvariantCulture) > 0)
        {
            throw new DatabaseException($"{Location} is a SQLite database, but not a Vigil database");
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            Apply(connection, transaction, migration);
            transaction.Commit();
        }
    }

    /// <summary>
    /// PostgreSQL changes its schema inside transactions: every step runs in one, under a transaction-scoped advisory
    /// lock, so that servers starting together never apply a step twice. The database may hold other tables (the
    /// platform's): only an <c>advisories</c> table without a schema version is refused.
    /// </summary>
    private void MigratePostgreSql(DbConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})");
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        int current = CurrentVersion(connection, transaction);
        if (current == 0 && Convert.ToInt64(Scalar(connection, transaction, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'advisories'"), CultureInfo.InvariantCulture) > 0)
        {
            throw new DatabaseException($"{Location} has an advisories table that Vigil did not make");
        }

        foreach (var migration in Migrations.All.Where(m => m.Version > current))
        {
            Apply(connection, transaction, migration);
        }

        transaction.Commit();
    }

    /// <summary>The key of the advisory lock migrations take on PostgreSQL ("vigil-db" as an integer).</summary>
    private const long MigrationLockKey = 0x7669_6769_6C2D_6462;

    private int CurrentVersion(DbConnection connection, DbTransaction? transaction)
    {
        int current = Convert.ToInt32(Scalar(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        if (current > Migrations.Latest)
        {
            throw new DatabaseException($"the database {Location} was written by a newer Vigil (schema {current}; this one knows {Migrations.Latest})");
        }

        return current;
    }

    private void Apply(DbConnection connection, DbTransaction transaction, Migration migration)
    {
        Execute(connection, transaction, migration.For(Provider));
        migration.Then?.Invoke(connection, transaction);
        Execute(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({migration.Version})");
    }

    private static void Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, DbTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
