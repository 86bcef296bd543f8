using System.Data.Common;
using System.Text;

namespace Vigil.Data.Advisories;

/// <summary>Search and statistics.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>
    /// Advisories whose id, aliases, summary, details or package names contain <paramref name="text"/> (any
    /// case), and that name <paramref name="package"/> when given; at most <paramref name="limit"/>, by id.
    /// </summary>
    public IReadOnlyList<AdvisoryListing> Search(string? text, string? package, int limit = 100)
    {
        var (sql, parameters) = Filtered(text, package);
        sql.Append(" ORDER BY a.id LIMIT @limit");
        parameters.Add(("@limit", limit));
        return [.. Query(sql.ToString(), [.. parameters]).Select(a => new AdvisoryListing(
            a.Record.Id,
            a.Record.Aliases ?? [],
            a.Record.Summary ?? FirstLine(a.Record.Details),
            [.. (a.Record.Affected ?? []).Where(x => x.Package is not null).Select(x => $"{x.Package!.Ecosystem}/{x.Package.Name}").Distinct()],
            a.Record.Withdrawn is not null))];
    }

    private static string? FirstLine(string? text) =>
        text?.Trim().Split('\n', 2)[0].Trim();

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>Counts that describe the database.</summary>
    public DatabaseStatistics Statistics()
    {
        using var connection = database.OpenConnection();
        long advisories = Long(connection, "SELECT COUNT(*) FROM advisories");
        long withdrawn = Long(connection, "SELECT COUNT(*) FROM advisories WHERE withdrawn IS NOT NULL");
        long aliases = Long(connection, "SELECT COUNT(DISTINCT key) FROM advisory_keys k JOIN advisories a ON a.id = k.advisory_id WHERE k.key <> UPPER(a.id)");
        var bySource = Rows(connection, "SELECT source, COUNT(*) FROM advisories GROUP BY source ORDER BY source",
            r => (r.GetString(0), r.GetInt64(1)));
        var byEcosystem = Rows(connection,
            "SELECT ecosystem, COUNT(DISTINCT name), COUNT(DISTINCT advisory_id) FROM advisory_packages GROUP BY ecosystem ORDER BY ecosystem",
            r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        var newest = Rows(connection, "SELECT modified FROM advisories ORDER BY modified_ticks DESC LIMIT 1", r => r.GetString(0));
        return new DatabaseStatistics(database.Location, advisories, withdrawn, bySource, byEcosystem, aliases, newest.FirstOrDefault());
    }

    private static long Long(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<T> Rows<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// The advisories' records and sources, narrowed to those whose search text contains <paramref name="text"/> (any
    /// case) and that name <paramref name="package"/>, each when given; the caller appends the order and the limit.
    /// </summary>
    private static (StringBuilder Sql, List<(string Name, object Value)> Parameters) Filtered(string? text, string? package)
    {
        var sql = new StringBuilder("SELECT a.record, a.source FROM advisories a WHERE 1 = 1");
        var parameters = new List<(string, object)>();
        if (!string.IsNullOrWhiteSpace(text))
        {
            sql.Append(@" AND a.search_text LIKE @text ESCAPE '\'");
            parameters.Add(("@text", "%" + EscapeLike(text.Trim().ToLowerInvariant()) + "%"));
        }

        if (!string.IsNullOrWhiteSpace(package))
        {
            sql.Append(" AND a.id IN (SELECT p.advisory_id FROM advisory_packages p WHERE p.name = @package)");
            parameters.Add(("@package", package.Trim()));
        }

        return (sql, parameters);
    }
}
