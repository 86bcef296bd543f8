using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Data.Advisories;

/// <summary>What an audit reads: affected packages in compact form, and the facts of the advisories that matched.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>
    /// The affected entries of every advisory that names one of <paramref name="names"/> in <paramref name="ecosystem"/>
    /// (withdrawn advisories included: <see cref="Facts(IReadOnlyCollection{string})"/> leaves them out).
    /// </summary>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var entries = new List<AffectedEntry>(names.Count * 2);
        if (OnSqlite(handle => ReadSqliteEntries(handle, EntriesQuery, ecosystem, names, entries)))
        {
            return entries;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = EntriesQuery;
        Add(command, "@ecosystem", ecosystem);
        Add(command, "@names", JsonArray(names));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new AffectedEntry(reader.GetString(0), ecosystem, reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    /// <summary>
    /// The facts of advisories, except withdrawn ones, each found through a package it names (as
    /// <see cref="AffectedEntries"/> gave it): the facts sit beside each package's entry, so the pages
    /// <see cref="AffectedEntries"/> read hold them, where <see cref="Facts(IReadOnlyCollection{string})"/> reads a page per advisory.
    /// </summary>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(string ecosystem, IReadOnlyCollection<(string Name, string AdvisoryId)> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var facts = new Dictionary<string, AdvisoryFacts>(keys.Count, StringComparer.Ordinal);
        if (OnSqlite(handle => ReadSqliteFacts(handle, FactsByPackageQuery, ecosystem, keys, facts)))
        {
            return facts;
        }

        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = FactsByPackageQuery;
        Add(command, "@ecosystem", ecosystem);
        Add(command, "@keys", JsonPairs(keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string id = reader.GetString(0);
            if (!facts.ContainsKey(id))
            {
                facts[id] = new AdvisoryFacts(
                    id, Lines(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), Severity(reader, 3),
                    reader.IsDBNull(6) ? null : reader.GetString(6), Lines(reader, 7));
            }
        }

        return facts;
    }

    // The audit's two queries, for both engines. Each takes the ecosystem and then one JSON parameter: all names (or
    // pairs) in one statement, as hundreds of parameters bound by name cost more than the query. SQLite numbers named
    // parameters in the order they first appear, so its own interface binds them as 1 and 2.
    private string EntriesQuery => $"""
        SELECT advisory_id, name, events, range_text FROM advisory_packages
        WHERE ecosystem = @ecosystem AND name IN ({database.ListOf("@names")})
        """;

    private string FactsByPackageQuery => $"""
        SELECT advisory_id, aliases, summary, severity_level, severity_score, severity_vector, url, cwes FROM advisory_packages
        WHERE ecosystem = @ecosystem AND withdrawn = 0 AND (name, advisory_id) IN ({database.PairsOf("@keys")})
        """;

    /// <summary>
    /// Runs <paramref name="read"/> on SQLite's own connection handle: the read-only connection of a database opened for
    /// reading (one query at a time), or else a pooled one; false on PostgreSQL, where nothing ran.
    /// </summary>
    private bool OnSqlite(Action<SQLitePCL.sqlite3> read)
    {
        if (database.Reader is { } reader)
        {
            lock (reader.Gate)
            {
                read(reader.Handle);
            }

            return true;
        }

        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return false;
        }

        using var connection = (Microsoft.Data.Sqlite.SqliteConnection)database.OpenConnection();
        read(connection.Handle!);
        return true;
    }

    /// <summary>The facts of the advisories with these ids, except withdrawn ones.</summary>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var facts = new Dictionary<string, AdvisoryFacts>(ids.Count, StringComparer.Ordinal);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();

        command.CommandText = $"""
            SELECT advisory_id, aliases, summary, severity_level, severity_score, severity_vector, url, cwes FROM advisory_facts
            WHERE withdrawn = 0 AND advisory_id IN ({database.ListOf("@ids")})
            """;
        Add(command, "@ids", JsonArray(ids));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            facts[reader.GetString(0)] = new AdvisoryFacts(
                reader.GetString(0), Lines(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), Severity(reader, 3),
                reader.IsDBNull(6) ? null : reader.GetString(6), Lines(reader, 7));
        }

        return facts;
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                // Text that is not valid UTF-16 cannot be written as JSON (nor stored as a name): it matches nothing.
                if (IsValidUtf16(value))
                {
                    writer.WriteStringValue(value);
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string JsonPairs(IEnumerable<(string, string)> pairs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (first, second) in pairs)
            {
                if (IsValidUtf16(first) && IsValidUtf16(second))
                {
                    writer.WriteStartArray();
                    writer.WriteStringValue(first);
                    writer.WriteStringValue(second);
                    writer.WriteEndArray();
                }
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsValidUtf16(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return true;
        }

        for (var rest = text.AsSpan(); !rest.IsEmpty;)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out int used) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    /// <summary>The severity in columns level, score and vector from <paramref name="column"/> on.</summary>
    private static AdvisorySeverity Severity(DbDataReader reader, int column) => new(
        Level(reader.GetString(column)),
        reader.IsDBNull(column + 1) ? null : decimal.Parse(reader.GetString(column + 1), CultureInfo.InvariantCulture),
        reader.IsDBNull(column + 2) ? null : reader.GetString(column + 2));

    /// <summary>The level as the writer stores it (lower case), without the slower general parse for those.</summary>
    private static SeverityLevel Level(string text) => text switch
    {
        "unknown" => SeverityLevel.Unknown,
        "info" => SeverityLevel.Info,
        "low" => SeverityLevel.Low,
        "moderate" => SeverityLevel.Moderate,
        "high" => SeverityLevel.High,
        "critical" => SeverityLevel.Critical,
        _ => Enum.TryParse<SeverityLevel>(text, ignoreCase: true, out var level) ? level : SeverityLevel.Unknown,
    };

    private static string[] Lines(DbDataReader reader, int column) =>
        reader.GetString(column).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
