using System.Globalization;
using System.Text;
using Vigil.Domain.NodeReleases;

namespace Vigil.Data.Advisories;

/// <summary>The Node.js release schedule kept beside the advisories, so that runtime checks never need the network.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>Stores the schedule (replacing the stored one); false when it is the same document.</summary>
    public bool SaveReleaseSchedule(ReadOnlySpan<byte> utf8, DateTimeOffset now)
    {
        string document = Encoding.UTF8.GetString(utf8);
        using var connection = database.OpenConnection();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT document FROM release_schedule WHERE id = 1";
            if (read.ExecuteScalar() is string stored && stored == document)
            {
                return false;
            }
        }

        using var write = connection.CreateCommand();
        write.CommandText = """
            INSERT INTO release_schedule (id, document, imported) VALUES (1, @document, @imported)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, imported = excluded.imported
            """;
        var documentParameter = write.CreateParameter();
        documentParameter.ParameterName = "@document";
        documentParameter.Value = document;
        var imported = write.CreateParameter();
        imported.ParameterName = "@imported";
        imported.Value = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        write.Parameters.Add(documentParameter);
        write.Parameters.Add(imported);
        write.ExecuteNonQuery();
        return true;
    }

    /// <summary>The stored release schedule, or null when none was imported.</summary>
    public ReleaseSchedule? LoadReleaseSchedule()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM release_schedule WHERE id = 1";
        return command.ExecuteScalar() is string document &&
            ReleaseSchedule.TryParse(Encoding.UTF8.GetBytes(document), out var schedule, out _)
            ? schedule
            : null;
    }
}
