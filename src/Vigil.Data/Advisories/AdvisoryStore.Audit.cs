using System.Data.Common;
using System.Globalization;
using Vigil.Domain.Advisories;
using Vigil.Domain.Osv.Matching;

namespace Vigil.Data.Advisories;

/// <summary>What an audit reads: affected packages in compact form, and the facts of the advisories that matched.</summary>
public sealed partial class AdvisoryStore
{
    private const int ParametersPerQuery = 500;

    /// <summary>
    /// The affected entries of every advisory that names one of <paramref name="names"/> in <paramref name="ecosystem"/>
    /// (withdrawn advisories included: <see cref="Facts"/> leaves them out).
    /// </summary>
    public IReadOnlyList<AffectedEntry> AffectedEntries(string ecosystem, IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var entries = new List<AffectedEntry>();
        using var connection = database.OpenConnection();
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(ParametersPerQuery))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT advisory_id, name, events, range_text FROM advisory_packages
                WHERE ecosystem = @ecosystem AND name IN ({string.Join(", ", chunk.Select((_, i) => $"@n{i}"))})
                """;
            Add(command, "@ecosystem", ecosystem);
            for (int i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@n{i}", chunk[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new AffectedEntry(reader.GetString(0), ecosystem, reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return entries;
    }

    /// <summary>The facts of the advisories with these ids, except withdrawn ones.</summary>
    public IReadOnlyDictionary<string, AdvisoryFacts> Facts(IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var facts = new Dictionary<string, AdvisoryFacts>(StringComparer.Ordinal);
        using var connection = database.OpenConnection();
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(ParametersPerQuery))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT advisory_id, aliases, summary, severity_level, severity_score, severity_vector, url, cwes FROM advisory_facts
                WHERE withdrawn = 0 AND advisory_id IN ({string.Join(", ", chunk.Select((_, i) => $"@i{i}"))})
                """;
            for (int i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@i{i}", chunk[i]);
            }

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
        }

        return facts;
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
