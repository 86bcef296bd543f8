using System.Data.Common;
using System.Globalization;

namespace Vigil.Data.Advisories;

/// <summary>Writes advisories and their indexes inside one transaction, with commands prepared once.</summary>
/// <remarks>
/// Unless told not to (a schema step that only rebuilds derived data, before the counter exists), the first write
/// raises the database's change counter (<c>advisory_revision</c>, <see cref="AdvisoryChanges"/>) and every row written is stamped with it. The
/// counter's row stays locked until the transaction ends, so revisions become visible in the order they were taken.
/// </remarks>
internal sealed class AdvisoryWriter : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly bool _stampRevision;
    private DbCommand? _stamp;
    private long _revision;
    private readonly DbCommand _upsert;
    private readonly DbCommand _upsertFacts;
    private readonly DbCommand _deleteKeys;
    private readonly DbCommand _deletePackages;
    private readonly DbCommand _insertKey;
    private readonly DbCommand _insertPackage;

    public AdvisoryWriter(DbConnection connection, DbTransaction transaction, bool stampRevision = true)
    {
        _connection = connection;
        _transaction = transaction;
        _stampRevision = stampRevision;
        _upsert = Command(connection, transaction, """
            INSERT INTO advisories (id, modified, modified_ticks, published, withdrawn, summary, source, content_hash, search_text, record)
            VALUES (@id, @modified, @ticks, @published, @withdrawn, @summary, @source, @hash, @search, @record)
            ON CONFLICT (id) DO UPDATE SET
                modified = excluded.modified, modified_ticks = excluded.modified_ticks, published = excluded.published,
                withdrawn = excluded.withdrawn, summary = excluded.summary, source = excluded.source,
                content_hash = excluded.content_hash, search_text = excluded.search_text, record = excluded.record
            """, "@id", "@modified", "@ticks", "@published", "@withdrawn", "@summary", "@source", "@hash", "@search", "@record");
        _upsertFacts = Command(connection, transaction, """
            INSERT INTO advisory_facts (advisory_id, withdrawn, summary, aliases, severity_level, severity_score, severity_vector, url, cwes)
            VALUES (@id, @withdrawn, @summary, @aliases, @level, @score, @vector, @url, @cwes)
            ON CONFLICT (advisory_id) DO UPDATE SET
                withdrawn = excluded.withdrawn, summary = excluded.summary, aliases = excluded.aliases,
                severity_level = excluded.severity_level, severity_score = excluded.severity_score,
                severity_vector = excluded.severity_vector, url = excluded.url, cwes = excluded.cwes
            """, "@id", "@withdrawn", "@summary", "@aliases", "@level", "@score", "@vector", "@url", "@cwes");
        _deleteKeys = Command(connection, transaction, "DELETE FROM advisory_keys WHERE advisory_id = @id", "@id");
        _deletePackages = Command(connection, transaction, "DELETE FROM advisory_packages WHERE advisory_id = @id", "@id");
        _insertKey = Command(connection, transaction, "INSERT INTO advisory_keys (key, advisory_id) VALUES (@key, @id)", "@key", "@id");
        _insertPackage = Command(connection, transaction,
            """
            INSERT INTO advisory_packages (ecosystem, name, advisory_id, events, range_text,
                withdrawn, summary, aliases, severity_level, severity_score, severity_vector, url, cwes)
            VALUES (@ecosystem, @name, @id, @events, @range, @withdrawn, @summary, @aliases, @level, @score, @vector, @url, @cwes)
            """,
            "@ecosystem", "@name", "@id", "@events", "@range", "@withdrawn", "@summary", "@aliases", "@level", "@score", "@vector", "@url", "@cwes");
    }

    public void Write(AdvisoryIndex index, string source)
    {
        var r = index.Record;
        var f = index.Facts;
        Run(_upsert, r.Id, r.Modified.Text, index.ModifiedTicks, r.Published?.Text, r.Withdrawn?.Text, f.Summary, source,
            index.ContentHash, index.SearchText, index.Json);
        object?[] facts = [r.Withdrawn is null ? 0 : 1, f.Summary, string.Join('\n', f.Aliases), f.Severity.Name,
            f.Severity.Score?.ToString(CultureInfo.InvariantCulture), f.Severity.Vector, f.Url, string.Join('\n', f.Cwes)];
        Run(_upsertFacts, [r.Id, .. facts]);
        Run(_deleteKeys, r.Id);
        Run(_deletePackages, r.Id);
        foreach (string key in index.Keys)
        {
            Run(_insertKey, key, r.Id);
        }

        foreach (var entry in index.Packages)
        {
            Run(_insertPackage, [entry.Ecosystem, entry.Name, r.Id, entry.Events, entry.RangeText, .. facts]);
        }

        if (_stampRevision)
        {
            Stamp(r.Id);
        }
    }

    private void Stamp(string id)
    {
        if (_stamp is null)
        {
            using (var raise = _connection.CreateCommand())
            {
                raise.Transaction = _transaction;
                raise.CommandText = AdvisoryChanges.RaiseSql(_connection);
                _revision = Convert.ToInt64(raise.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            _stamp = Command(_connection, _transaction, "UPDATE advisories SET revision = @revision WHERE id = @id", "@revision", "@id");
        }

        Run(_stamp, _revision, id);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (string name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        // SQLite compiles the statement once here. Npgsql would need the parameters' types before their first values,
        // and prepares repeated statements by itself when the host's data source asks for it.
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            command.Prepare();
        }

        return command;
    }

    private static void Run(DbCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _upsertFacts.Dispose();
        _deleteKeys.Dispose();
        _deletePackages.Dispose();
        _insertKey.Dispose();
        _insertPackage.Dispose();
        _stamp?.Dispose();
    }
}
