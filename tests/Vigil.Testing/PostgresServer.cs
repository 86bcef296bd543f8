using Npgsql;

namespace Vigil.Testing;

/// <summary>
/// The real PostgreSQL server the tests use, on loopback. <c>.ci/setup</c> installs and starts it and writes the
/// connection string of a role that may create databases to <c>$XDG_CONFIG_HOME/vigil-tests/postgres.env</c>
/// (<c>~/.config</c> when unset); the environment variable <c>VIGIL_TEST_POSTGRES</c>, when set, is used instead.
/// When neither gives a server that answers, every test that asks for a database fails, saying to run
/// <c>.ci/setup</c>: a missing server never skips a test.
/// </summary>
public static class PostgresServer
{
    /// <summary>The environment variable that holds the connection string (an Npgsql one, to any database).</summary>
    public const string EnvironmentVariable = "VIGIL_TEST_POSTGRES";

    private static readonly Lazy<NpgsqlConnectionStringBuilder> LazyAdmin = new(FindServer);

    /// <summary>The file <c>.ci/setup</c> writes the connection string to.</summary>
    public static string SettingsFile
    {
        get
        {
            string? configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(configHome))
            {
                configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            }

            return Path.Combine(configHome, "vigil-tests", "postgres.env");
        }
    }

    /// <summary>
    /// The connection string to the server's maintenance database (<c>postgres</c>), as the test role. Throws, with
    /// what to do, when no server is configured or it does not answer.
    /// </summary>
    public static string AdminConnectionString => LazyAdmin.Value.ConnectionString;

    /// <summary>Creates a fresh, uniquely named, empty database; disposing the result drops it.</summary>
    public static Task<PostgresDatabase> CreateDatabaseAsync(CancellationToken cancellationToken = default) =>
        PostgresDatabase.CreateAsync(cancellationToken);

    /// <summary>Whether a database of that name exists on the server.</summary>
    public static async Task<bool> DatabaseExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }

    /// <summary>A connection string for <paramref name="database"/> on the same server, as the test role.</summary>
    internal static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static NpgsqlConnectionStringBuilder FindServer()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string source = $"the environment variable {EnvironmentVariable}";
        if (string.IsNullOrWhiteSpace(configured))
        {
            source = SettingsFile;
            configured = ReadSettingsFile(SettingsFile)
                ?? throw new InvalidOperationException(
                    $"No PostgreSQL server is configured for the tests: {EnvironmentVariable} is not set and {SettingsFile} " +
                    "does not exist. Run .ci/setup (as root: it installs and starts PostgreSQL on loopback and writes that file).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"The PostgreSQL connection string in {source} is not valid: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(builder.Database))
        {
            builder.Database = "postgres";
        }

        // Fresh databases are made and dropped all the time: do not keep connections to them in pools for long.
        builder.ConnectionIdleLifetime = 10;
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The tests' PostgreSQL server does not answer at {Describe(builder)} (from {source}): {e.Message}. " +
                "Run .ci/setup (as root) to install and start it, or set " + EnvironmentVariable + " to a server that answers.", e);
        }

        return builder;
    }

    /// <summary>Reads <c>VIGIL_TEST_POSTGRES=…</c> (optionally quoted) from a shell-style settings file.</summary>
    private static string? ReadSettingsFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        string prefix = EnvironmentVariable + "=";
        foreach (string rawLine in File.ReadLines(path))
        {
            string line = rawLine.Trim();
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string value = line[prefix.Length..];
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            return value;
        }

        return null;
    }

    /// <summary>Where the server is and who connects, never the password.</summary>
    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port} as {builder.Username}, database {builder.Database}";
}

/// <summary>
/// A fresh database on the tests' PostgreSQL server, named <c>vigil_test_&lt;random&gt;</c>, owned by the test
/// role. Dispose drops it (closing whatever connections are left). Usable as an xunit class fixture
/// (<c>IClassFixture&lt;PostgresDatabase&gt;</c>, made by the parameterless constructor) or per test through
/// <see cref="CreateAsync"/>.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    private int disposed;

    /// <summary>Creates the database (synchronously, for use as a class fixture).</summary>
    public PostgresDatabase()
        : this(NewName())
    {
        using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(CreateSql, connection);
        command.ExecuteNonQuery();
    }

    private PostgresDatabase(string name)
    {
        Name = name;
        ConnectionString = PostgresServer.ConnectionStringFor(name);
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The connection string to this database (it holds the test role's password: do not print it).</summary>
    public string ConnectionString { get; }

    private string CreateSql => $"CREATE DATABASE \"{Name}\" TEMPLATE template0 ENCODING 'UTF8'";

    /// <summary>Creates a fresh database.</summary>
    public static async Task<PostgresDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var database = new PostgresDatabase(NewName());
        await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(database.CreateSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>An open connection to this database.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        ClearPool();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand(DropSql, connection);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (IsAutovacuumInTheWay(e, attempt))
            {
                await Task.Delay(RetryDelay).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops the database.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        ClearPool();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(PostgresServer.AdminConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand(DropSql, connection);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (IsAutovacuumInTheWay(e, attempt))
            {
                Thread.Sleep(RetryDelay);
            }
        }
    }

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <c>DROP DATABASE … WITH (FORCE)</c> must end every session in the database, and an autovacuum worker belongs to
    /// no role the test role may signal (42501): it is gone within moments, so the drop is tried again, 40 times at most.
    /// </summary>
    private static bool IsAutovacuumInTheWay(PostgresException e, int attempt) =>
        e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 40;

    private string DropSql => $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";

    private void ClearPool()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string NewName() => "vigil_test_" + Guid.NewGuid().ToString("N")[..16];
}
