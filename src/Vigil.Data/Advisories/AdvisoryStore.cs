using System.Data.Common;
using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>The advisories in a <see cref="VigilDatabase"/>: import, look up, search, list, count.</summary>
public sealed partial class AdvisoryStore(VigilDatabase database)
{
    /// <summary>Where the database is, for messages.</summary>
    public string Location => database.Location;

    /// <summary>
    /// Imports advisories in one transaction: all of them are stored, or (on an error) none.
    /// Identical content is left alone; a record older than the stored one (by <c>modified</c>) never replaces it;
    /// a record never replaces one from another source (<see cref="ImportOutcome.Conflict"/>, listed in
    /// <see cref="ImportSummary.Conflicts"/>): an advisory the platform published keeps its id whatever an import brings.
    /// </summary>
    public ImportSummary Import(IEnumerable<AdvisoryImport> advisories)
    {
        ArgumentNullException.ThrowIfNull(advisories);
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var summary = ImportIn(connection, transaction, advisories);
        transaction.Commit();
        return summary;
    }

    private static ImportSummary ImportIn(DbConnection connection, DbTransaction transaction, IEnumerable<AdvisoryImport> advisories)
    {
        var stored = LoadVersions(connection, transaction);
        using var writer = new AdvisoryWriter(connection, transaction);
        var outcomes = new List<(string, ImportOutcome)>();
        var conflicts = new List<ImportConflict>();
        foreach (var advisory in advisories)
        {
            var index = AdvisoryIndex.Of(advisory.Record);
            var current = stored.TryGetValue(advisory.Record.Id, out var found) ? found : (Version?)null;
            var outcome = Decide(current, index, advisory);
            if (outcome is ImportOutcome.Added or ImportOutcome.Updated)
            {
                writer.Write(index, advisory.Source);
                stored[advisory.Record.Id] = new Version(index.ModifiedTicks, index.ContentHash, advisory.Source);
            }
            else if (outcome == ImportOutcome.Conflict)
            {
                conflicts.Add(new ImportConflict(advisory.Record.Id, current!.Value.Source, advisory.Source));
            }

            outcomes.Add((advisory.Record.Id, outcome));
        }

        return new ImportSummary(outcomes, conflicts);
    }

    private readonly record struct Version(long ModifiedTicks, string ContentHash, string Source);

    private static ImportOutcome Decide(Version? current, AdvisoryIndex incoming, AdvisoryImport advisory)
    {
        if (current is not { } existing)
        {
            return ImportOutcome.Added;
        }

        bool modifiedByImport = advisory.ModifiedByImport;
        if (existing.ContentHash == incoming.ContentHash)
        {
            // Same content; a source that moved its own 'modified' forward still deserves the new time.
            return !modifiedByImport && incoming.ModifiedTicks > existing.ModifiedTicks && existing.Source == advisory.Source
                ? ImportOutcome.Updated : ImportOutcome.Unchanged;
        }

        if (!string.Equals(existing.Source, advisory.Source, StringComparison.Ordinal))
        {
            return ImportOutcome.Conflict;
        }

        return !modifiedByImport && incoming.ModifiedTicks < existing.ModifiedTicks ? ImportOutcome.Older : ImportOutcome.Updated;
    }

    private static Dictionary<string, Version> LoadVersions(DbConnection connection, DbTransaction transaction)
    {
        var versions = new Dictionary<string, Version>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, modified_ticks, content_hash, source FROM advisories";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions[reader.GetString(0)] = new Version(reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
        }

        return versions;
    }

    /// <summary>The advisories whose id or alias is <paramref name="idOrAlias"/> (any case).</summary>
    public IReadOnlyList<StoredAdvisory> Find(string idOrAlias)
    {
        ArgumentNullException.ThrowIfNull(idOrAlias);
        return Query(
            "SELECT a.record, a.source FROM advisories a JOIN advisory_keys k ON k.advisory_id = a.id WHERE k.key = @key ORDER BY a.id",
            ("@key", AdvisoryIndex.LookupKey(idOrAlias)));
    }

    /// <summary>Every advisory that names one of <paramref name="names"/> in <paramref name="ecosystem"/>.</summary>
    public IReadOnlyList<StoredAdvisory> ForPackages(string ecosystem, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var results = new Dictionary<string, StoredAdvisory>(StringComparer.Ordinal);
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var parameters = chunk.Select((name, i) => ($"@n{i}", (object)name)).Append(("@ecosystem", ecosystem)).ToArray();
            string list = string.Join(", ", chunk.Select((_, i) => $"@n{i}"));
            foreach (var advisory in Query(
                $"SELECT a.record, a.source FROM advisories a WHERE a.id IN (SELECT p.advisory_id FROM advisory_packages p WHERE p.ecosystem = @ecosystem AND p.name IN ({list}))",
                parameters))
            {
                results[advisory.Record.Id] = advisory;
            }
        }

        return [.. results.Values.OrderBy(a => a.Record.Id, StringComparer.Ordinal)];
    }

    /// <summary>Every advisory, ordered by id, read one at a time.</summary>
    public IEnumerable<StoredAdvisory> All()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record, source FROM advisories ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Read(reader);
        }
    }

    private List<StoredAdvisory> Query(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var results = new List<StoredAdvisory>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(Read(reader));
        }

        return results;
    }

    private static StoredAdvisory Read(DbDataReader reader) =>
        new(OsvJson.Read(System.Text.Encoding.UTF8.GetBytes(reader.GetString(0)), "database"), reader.GetString(1));
}
