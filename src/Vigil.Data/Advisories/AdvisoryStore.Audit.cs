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
    /// (withdrawn advisories included: <see cref="Facts"/> leaves them out).
    /// </summary>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var entries = new List<AffectedEntry>(names.Count * 2);
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();

        // All names in one statement, as one JSON array: hundreds of parameters, bound by name, cost more than the query.
        command.CommandText = $"""
            SELECT advisory_id, name, events, range_text FROM advisory_packages
            WHERE ecosystem = @ecosystem AND name IN ({database.ListOf("@names")})
            """;
        Add(command, "@ecosystem", ecosystem);
        Add(command, "@names", JsonArray(names));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new AffectedEntry(reader.GetString(0), ecosystem, reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return entries;
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
            var severity = new AdvisorySeverity(
                Enum.TryParse<SeverityLevel>(reader.GetString(3), ignoreCase: true, out var level) ? level : SeverityLevel.Unknown,
                reader.IsDBNull(4) ? null : decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : reader.GetString(5));
            facts[reader.GetString(0)] = new AdvisoryFacts(
                reader.GetString(0), Lines(reader, 1), reader.IsDBNull(2) ? null : reader.GetString(2), severity,
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
