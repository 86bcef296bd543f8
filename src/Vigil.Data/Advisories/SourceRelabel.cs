using System.Data.Common;
using System.Text;
using Vigil.Advisories.Import;
using Vigil.Domain.Osv;

namespace Vigil.Data.Advisories;

/// <summary>
/// Schema step 6: WG records imported as OSV files were labelled <c>osv</c>; they get their WG source
/// (<see cref="AdvisorySources"/>), so that importing the WG's folders later is not taken for a conflict.
/// </summary>
internal static class SourceRelabel
{
    public static void Run(DbConnection connection, DbTransaction transaction)
    {
        var relabel = new List<(string Id, string Source)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, record FROM advisories WHERE source = 'osv' AND id LIKE 'NSWG-%'";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                string source = AdvisorySources.Of(OsvJson.Read(Encoding.UTF8.GetBytes(reader.GetString(1)), "database"));
                if (source != AdvisorySources.Osv)
                {
                    relabel.Add((reader.GetString(0), source));
                }
            }
        }

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE advisories SET source = @source WHERE id = @id";
        var sourceParameter = update.CreateParameter();
        sourceParameter.ParameterName = "@source";
        update.Parameters.Add(sourceParameter);
        var idParameter = update.CreateParameter();
        idParameter.ParameterName = "@id";
        update.Parameters.Add(idParameter);
        foreach (var (id, source) in relabel)
        {
            sourceParameter.Value = source;
            idParameter.Value = id;
            update.ExecuteNonQuery();
        }
    }
}
