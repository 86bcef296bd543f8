namespace Vigil.Data.Advisories;

/// <summary>What the last sync from a source left: how far its index was read, and its validator.</summary>
/// <param name="SourceUrl">The source, as the user named it (its address or folder).</param>
/// <param name="NewestModified">The newest <c>modified</c> time the source's index listed, as written there; null when it has none.</param>
/// <param name="IndexEtag">The entity tag of the source's index or archive, to ask whether it changed; null when it sent none.</param>
/// <param name="Synced">When the sync was stored (ISO 8601, UTC).</param>
public sealed record SyncState(string SourceUrl, string? NewestModified, string? IndexEtag, string Synced);

/// <summary>Syncs: records and the source's state, stored together.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>What the last completed sync from <paramref name="sourceUrl"/> left, or null when there was none.</summary>
    public SyncState? LastSync(string sourceUrl)
    {
        ArgumentNullException.ThrowIfNull(sourceUrl);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source_url, newest_modified, index_etag, synced FROM sync_sources WHERE source_url = @url";
        Add(command, "@url", sourceUrl);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new SyncState(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3))
            : null;
    }

    /// <summary>
    /// Imports <paramref name="advisories"/> as <see cref="Import"/> does and records <paramref name="state"/>, in one
    /// transaction: an exception while <paramref name="advisories"/> is enumerated (a record that fails its checks, a
    /// lost connection) leaves the database exactly as it was, and the next sync starts from the previous state.
    /// </summary>
    public ImportSummary Sync(IEnumerable<AdvisoryImport> advisories, SyncState state)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        ArgumentNullException.ThrowIfNull(state);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var summary = ImportIn(connection, transaction, advisories);
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sync_sources (source_url, newest_modified, index_etag, synced) VALUES (@url, @newest, @etag, @synced)
                ON CONFLICT (source_url) DO UPDATE SET
                    newest_modified = excluded.newest_modified, index_etag = excluded.index_etag, synced = excluded.synced
                """;
            Add(command, "@url", state.SourceUrl);
            Add(command, "@newest", (object?)state.NewestModified ?? DBNull.Value);
            Add(command, "@etag", (object?)state.IndexEtag ?? DBNull.Value);
            Add(command, "@synced", state.Synced);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return summary;
    }
}
