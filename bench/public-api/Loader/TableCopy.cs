using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>Copies the advisory tables of a Vigil SQLite database into a Vigil PostgreSQL database (same schema) with COPY.</summary>
internal static class TableCopy
{
    private static readonly string[] Tables = ["advisories", "advisory_keys", "advisory_packages", "advisory_facts", "release_schedule"];

    public static void Run(string sqlitePath, NpgsqlDataSource target)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly }.ToString());
        source.Open();
        using var connection = target.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var truncate = new NpgsqlCommand("TRUNCATE " + string.Join(", ", Tables) + " CASCADE", connection, transaction))
        {
            truncate.ExecuteNonQuery();
        }

        foreach (string table in Tables)
        {
            using var read = source.CreateCommand();
            read.CommandText = "SELECT * FROM " + table;
            using var reader = read.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            using (var writer = connection.BeginTextImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN"))
            {
                var line = new StringBuilder();
                while (reader.Read())
                {
                    line.Clear();
                    for (int i = 0; i < columns.Length; i++)
                    {
                        if (i > 0)
                        {
                            line.Append('\t');
                        }

                        line.Append(reader.IsDBNull(i) ? "\\N" : Escape(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!));
                    }

                    writer.Write(line.Append('\n').ToString());
                }
            }

            Console.WriteLine($"copied {table}");
        }

        using (var revision = new NpgsqlCommand("UPDATE advisory_revision SET revision = (SELECT COALESCE(MAX(revision), 0) + 1 FROM advisories) WHERE id = 1", connection, transaction))
        {
            revision.ExecuteNonQuery();
        }

        transaction.Commit();
        using var analyze = new NpgsqlCommand("ANALYZE", connection);
        analyze.ExecuteNonQuery();
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
