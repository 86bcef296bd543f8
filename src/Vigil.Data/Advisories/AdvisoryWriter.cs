using System.Data.Common;

namespace Vigil.Data.Advisories;

/// <summary>Writes advisories and their indexes inside one transaction, with commands prepared once.</summary>
internal sealed class AdvisoryWriter : IDisposable
{
    private readonly DbCommand _upsert;
    private readonly DbCommand _deleteKeys;
    private readonly DbCommand _deletePackages;
    private readonly DbCommand _insertKey;
    private readonly DbCommand _insertPackage;

    public AdvisoryWriter(DbConnection connection, DbTransaction transaction)
    {
        _upsert = Command(connection, transaction, """
            INSERT INTO advisories (id, modified, modified_ticks, published, withdrawn, summary, source, content_hash, search_text, record)
            VALUES (@id, @modified, @ticks, @published, @withdrawn, @summary, @source, @hash, @search, @record)
            ON CONFLICT (id) DO UPDATE SET
                modified = excluded.modified, modified_ticks = excluded.modified_ticks, published = excluded.published,
                withdrawn = excluded.withdrawn, summary = excluded.summary, source = excluded.source,
                content_hash = excluded.content_hash, search_text = excluded.search_text, record = excluded.record
            """, "@id", "@modified", "@ticks", "@published", "@withdrawn", "@summary", "@source", "@hash", "@search", "@record");
        _deleteKeys = Command(connection, transaction, "DELETE FROM advisory_keys WHERE advisory_id = @id", "@id");
        _deletePackages = Command(connection, transaction, "DELETE FROM advisory_packages WHERE advisory_id = @id", "@id");
        _insertKey = Command(connection, transaction, "INSERT INTO advisory_keys (key, advisory_id) VALUES (@key, @id)", "@key", "@id");
        _insertPackage = Command(connection, transaction,
            "INSERT INTO advisory_packages (advisory_id, ecosystem, name) VALUES (@id, @ecosystem, @name)", "@id", "@ecosystem", "@name");
    }

    public void Write(AdvisoryIndex index, string source)
    {
        var r = index.Record;
        Run(_upsert, r.Id, r.Modified.Text, index.ModifiedTicks, r.Published?.Text, r.Withdrawn?.Text, r.Summary, source,
            index.ContentHash, index.SearchText, index.Json);
        Run(_deleteKeys, r.Id);
        Run(_deletePackages, r.Id);
        foreach (string key in index.Keys)
        {
            Run(_insertKey, key, r.Id);
        }

        foreach (var (ecosystem, name) in index.Packages)
        {
            Run(_insertPackage, r.Id, ecosystem, name);
        }
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

        command.Prepare();
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
        _deleteKeys.Dispose();
        _deletePackages.Dispose();
        _insertKey.Dispose();
        _insertPackage.Dispose();
    }
}
