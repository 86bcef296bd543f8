using System.Data.Common;
using System.Text;
using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>What a new advisory is numbered against: every id and every alias already stored.</summary>
/// <param name="AdvisoryIds">The ids of every stored advisory.</param>
/// <param name="Aliases">Every id and alias stored, upper-cased (CVE ids among them).</param>
public sealed record PublicationSlot(IReadOnlyCollection<string> AdvisoryIds, IReadOnlySet<string> Aliases);

/// <summary>The advisory published from a source, and whether this call created it.</summary>
/// <param name="Advisory">The stored advisory.</param>
/// <param name="Created">False when it had been published before (the stored one is returned unchanged).</param>
public sealed record PublishedAdvisory(StoredAdvisory Advisory, bool Created);

/// <summary>Publication: advisories the platform makes, one per source (a report), numbered inside the caller's transaction.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>
    /// Serializes publications for the rest of <paramref name="transaction"/>: a second publisher waits until the
    /// first commits or rolls back, then sees what it wrote. On PostgreSQL it locks the publications table; on
    /// SQLite the transaction must have begun <c>IMMEDIATE</c> (Microsoft.Data.Sqlite's and EF Core's default),
    /// which already holds the file's write lock.
    /// </summary>
    public void LockPublications(DbConnection connection, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "LOCK TABLE advisory_publications IN SHARE ROW EXCLUSIVE MODE";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Publishes the advisory of <paramref name="publicationKey"/> inside the caller's transaction (the caller commits,
    /// together with its own changes): when that key was published before, the stored advisory is returned and
    /// nothing is written; otherwise <paramref name="build"/> makes the record from the ids and aliases in use, and
    /// it is stored with its indexes (found by <c>vigil db show</c> by id and by alias).
    /// </summary>
    /// <param name="connection">The caller's open connection to this database.</param>
    /// <param name="transaction">The caller's transaction.</param>
    /// <param name="publicationKey">What the advisory is published from, e.g. <c>report:&lt;id&gt;</c>; never shown.</param>
    /// <param name="source">The source name of statistics, e.g. <c>vigil-platform</c>.</param>
    /// <param name="build">Makes the record; its id must be new.</param>
    /// <exception cref="InvalidOperationException">The built record's id is already stored.</exception>
    public PublishedAdvisory Publish(DbConnection connection, DbTransaction transaction, string publicationKey, string source, Func<PublicationSlot, OsvRecord> build)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(publicationKey);
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentNullException.ThrowIfNull(build);
        LockPublications(connection, transaction);

        if (PublishedFrom(connection, transaction, publicationKey) is { } before)
        {
            return new PublishedAdvisory(before, Created: false);
        }

        var ids = Strings(connection, transaction, "SELECT id FROM advisories", null, 1);
        var keys = Strings(connection, transaction, "SELECT key FROM advisory_keys", null, 1).ToHashSet(StringComparer.Ordinal);
        var record = build(new PublicationSlot(ids, keys));
        if (ids.Contains(record.Id, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"{record.Id} is already stored: a published advisory needs a new id.");
        }

        var index = AdvisoryIndex.Of(record);
        using (var writer = new AdvisoryWriter(connection, transaction))
        {
            writer.Write(index, source);
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO advisory_publications (publication_key, advisory_id, published) VALUES (@key, @id, @published)";
            Add(insert, "@key", publicationKey);
            Add(insert, "@id", record.Id);
            Add(insert, "@published", record.Published?.Text ?? record.Modified.Text);
            insert.ExecuteNonQuery();
        }

        return new PublishedAdvisory(new StoredAdvisory(OsvJson.Read(Encoding.UTF8.GetBytes(index.Json), "database"), source), Created: true);
    }

    /// <summary>
    /// Marks the advisory published from <paramref name="publicationKey"/> withdrawn at <paramref name="at"/> (also its
    /// <c>modified</c> time), inside the caller's transaction; it stays stored, and readers see it withdrawn. Returns
    /// the stored advisory (unchanged when it was withdrawn before), or null when nothing was published from the key.
    /// </summary>
    /// <param name="connection">The caller's open connection to this database.</param>
    /// <param name="transaction">The caller's transaction.</param>
    /// <param name="publicationKey">What the advisory was published from.</param>
    /// <param name="at">When it is withdrawn.</param>
    public StoredAdvisory? Withdraw(DbConnection connection, DbTransaction transaction, string publicationKey, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(publicationKey);
        LockPublications(connection, transaction);
        if (PublishedFrom(connection, transaction, publicationKey) is not { } stored)
        {
            return null;
        }

        if (stored.Record.Withdrawn is not null)
        {
            return stored;
        }

        var when = OsvTimestamp.FromDateTimeOffset(at);
        var withdrawn = stored.Record with { Withdrawn = when, Modified = when };
        using (var writer = new AdvisoryWriter(connection, transaction))
        {
            writer.Write(AdvisoryIndex.Of(withdrawn), stored.Source);
        }

        return stored with { Record = withdrawn };
    }

    /// <summary>The advisory published from <paramref name="publicationKey"/>, or null.</summary>
    public StoredAdvisory? Published(string publicationKey)
    {
        ArgumentNullException.ThrowIfNull(publicationKey);
        var found = Query(PublishedFromSql, ("@key", publicationKey));
        return found.Count == 0 ? null : found[0];
    }

    private const string PublishedFromSql =
        "SELECT a.record, a.source FROM advisory_publications p JOIN advisories a ON a.id = p.advisory_id WHERE p.publication_key = @key";

    /// <summary>The advisory published from <paramref name="publicationKey"/>, read in the caller's transaction, or null.</summary>
    private static StoredAdvisory? PublishedFrom(DbConnection connection, DbTransaction transaction, string publicationKey)
    {
        var found = Strings(connection, transaction, PublishedFromSql, ("@key", publicationKey), 2);
        return found.Count == 0 ? null : Parse(found[0], found[1]);
    }

    private static StoredAdvisory Parse(string record, string source) =>
        new(OsvJson.Read(Encoding.UTF8.GetBytes(record), "database"), source);

    /// <summary>The rows of a query as strings, <paramref name="columns"/> per row, one after the other.</summary>
    private static List<string> Strings(DbConnection connection, DbTransaction transaction, string sql, (string Name, string Value)? parameter, int columns)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (parameter is { } p)
        {
            Add(command, p.Name, p.Value);
        }

        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            for (int i = 0; i < columns; i++)
            {
                values.Add(reader.GetString(i));
            }
        }

        return values;
    }
}
