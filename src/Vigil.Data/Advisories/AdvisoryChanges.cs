using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vigil.Data.Advisories;

/// <summary>
/// Where the advisories are in their history: a number that every transaction writing an advisory moves on, and
/// when it last moved. Reading it costs one row, so that servers sharing one database each rebuild what they make of
/// the whole database (snapshots, the feed's validator) once per change, not once per request.
/// </summary>
/// <param name="Version">Moves on with every transaction that writes an advisory.</param>
/// <param name="Changed">When it last moved (the database's clock).</param>
public sealed record AdvisoryChange(long Version, DateTimeOffset Changed);

/// <summary>One stored advisory as a snapshot reads it: its id, its OSV JSON as stored, its <c>modified</c> and source.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Json">The OSV record, as stored (compact UTF-8 JSON text).</param>
/// <param name="Modified">Its <c>modified</c> time, as written in the record.</param>
/// <param name="ModifiedTicks">Its <c>modified</c> time in UTC ticks (0 when unreadable).</param>
/// <param name="Source">Where it came from.</param>
public sealed record StoredRecordText(string Id, string Json, string Modified, long ModifiedTicks, string Source);

/// <summary>The change counter's SQL (schema steps 5 and 6).</summary>
internal static class AdvisoryChanges
{
    /// <summary>The current time as PostgreSQL writes it into <c>changed</c> (ISO 8601, UTC, milliseconds).</summary>
    public const string PostgreSqlNow = "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

    /// <summary>The current time as SQLite writes it into <c>changed</c>.</summary>
    public const string SqliteNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    /// <summary>Raises the counter (step 5) and stamps when (step 6); answers the new value.</summary>
    public static string RaiseSql(DbConnection connection) =>
        $"UPDATE advisory_revision SET revision = revision + 1, changed = {(connection is SqliteConnection ? SqliteNow : PostgreSqlNow)} WHERE id = 1 RETURNING revision";

    public static AdvisoryChange Read(DbConnection connection, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT revision, changed FROM advisory_revision WHERE id = 1";
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new DatabaseException("the database has no change counter (advisory_revision is empty)");
        }

        return new AdvisoryChange(reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));
    }

    /// <summary>A transaction that reads one consistent state: deferred on SQLite (no write lock), repeatable read on PostgreSQL.</summary>
    public static DbTransaction BeginSnapshot(DbConnection connection) =>
        connection is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: true) : connection.BeginTransaction(IsolationLevel.RepeatableRead);
}

/// <summary>An advisory as an in-memory index reloads it: its stored JSON and the revision that last wrote it.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Json">The OSV record as stored (compact UTF-8 JSON text).</param>
/// <param name="Revision">The change counter's value when it was last written (0 for rows older than the counter).</param>
public sealed record ChangedAdvisory(string Id, string Json, long Revision);

/// <summary>Changes and whole-database reads, for the in-memory index, snapshots and feeds.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>Where the advisories are in their history (one row read).</summary>
    public AdvisoryChange Changes()
    {
        using var connection = database.OpenConnection();
        return AdvisoryChanges.Read(connection, null);
    }

    /// <summary>
    /// The database's change counter: raised once by every transaction that writes advisories (import, publication,
    /// withdrawal). One row, one read.
    /// </summary>
    public long Revision() => Changes().Version;

    /// <summary>
    /// The advisories written after revision <paramref name="revision"/> (all of them for a negative value), read
    /// one at a time. Advisories are never deleted (withdrawal keeps the record), so these are all the changes.
    /// </summary>
    public IEnumerable<ChangedAdvisory> ChangedSince(long revision)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record, revision FROM advisories WHERE revision > @revision";
        Add(command, "@revision", revision);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new ChangedAdvisory(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }

    /// <summary>
    /// Every advisory, ordered by id (ordinal), with the change it is the state of, read in one transaction so that
    /// the records are exactly those of the returned change. <paramref name="each"/> sees one record at a time.
    /// </summary>
    public AdvisoryChange ReadAll(Action<StoredRecordText> each)
    {
        ArgumentNullException.ThrowIfNull(each);
        using var connection = database.OpenConnection();
        using var transaction = AdvisoryChanges.BeginSnapshot(connection);
        var change = AdvisoryChanges.Read(connection, transaction);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            string order = database.Provider == DatabaseProvider.PostgreSql ? "id COLLATE \"C\"" : "id";
            command.CommandText = $"SELECT id, record, modified, modified_ticks, source FROM advisories ORDER BY {order}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                each(new StoredRecordText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
            }
        }

        transaction.Commit();
        return change;
    }

    /// <summary>One advisory's stored text by its exact id (no alias), or null.</summary>
    public StoredRecordText? Record(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record, modified, modified_ticks, source FROM advisories WHERE id = @id";
        Add(command, "@id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new StoredRecordText(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)) : null;
    }
}
