using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Data.Sqlite;

/// <summary>
/// One read-only SQLite connection, opened on SQLite's own interface, for the audit's queries of a database opened for
/// reading (<see cref="VigilDatabase.OpenSqliteForReading"/>). An audit is a short process that asks a few queries:
/// without ADO.NET's pool there is no pruning timer (a thread started at the first open), no pragmas per connection,
/// and the connection is opened without SQLite's per-call mutex, as one query at a time holds it (<see cref="Gate"/>).
/// </summary>
internal sealed class SqliteReader : IDisposable
{
    private SqliteReader(sqlite3 handle) => Handle = handle;

    /// <summary>The connection.</summary>
    public sqlite3 Handle { get; }

    /// <summary>Held for the whole of each query: the connection has no mutex of its own.</summary>
    public Lock Gate { get; } = new();

    /// <summary>Opens the file for reading; SQLite reads nothing before the first query.</summary>
    /// <exception cref="SqliteException">SQLite cannot open it.</exception>
    public static SqliteReader Open(string path)
    {
        int rc = raw.sqlite3_open_v2(path, out var handle, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            try
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
            finally
            {
                handle.Dispose();
            }
        }

        raw.sqlite3_busy_timeout(handle, 30_000);
        return new SqliteReader(handle);
    }

    /// <summary>Prepares a statement; the caller disposes it.</summary>
    /// <exception cref="SqliteException">It cannot be prepared (a damaged file, a missing table).</exception>
    public sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(Handle, sql, out var statement), Handle);
        return statement;
    }

    /// <summary>The single integer a query gives (0 when it gives no row).</summary>
    public long Scalar(string sql)
    {
        using var statement = Prepare(sql);
        int rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return raw.sqlite3_column_int64(statement, 0);
        }

        Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, Handle);
        return 0;
    }

    /// <summary>Throws SQLite's error for a result code other than <c>SQLITE_OK</c>.</summary>
    public static void Check(int rc, sqlite3 handle)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Handle.Dispose();
}
