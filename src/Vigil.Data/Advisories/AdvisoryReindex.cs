using System.Data.Common;
using System.Text;
using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>Rebuilds everything the database derives from the stored records (after a schema step adds some).</summary>
internal static class AdvisoryReindex
{
    public static void Run(DbConnection connection, DbTransaction transaction)
    {
        var stored = new List<(string Record, string Source)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT record, source FROM advisories";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                stored.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        using var writer = new AdvisoryWriter(connection, transaction, countChange: false);
        foreach (var (record, source) in stored)
        {
            writer.Write(AdvisoryIndex.Of(OsvJson.Read(Encoding.UTF8.GetBytes(record), "database")), source);
        }
    }
}
