namespace Vigil.Data.Advisories;

/// <summary>An advisory as an in-memory index reloads it: its stored JSON and the revision that last wrote it.</summary>
/// <param name="Id">The advisory id.</param>
/// <param name="Json">The OSV record as stored (compact UTF-8 JSON text).</param>
/// <param name="Revision">The change counter's value when it was last written (0 for rows older than the counter).</param>
public sealed record ChangedAdvisory(string Id, string Json, long Revision);

/// <summary>The change counter: what a server's in-memory index polls to stay current.</summary>
public sealed partial class AdvisoryStore
{
    /// <summary>
    /// The database's change counter: raised once by every transaction that writes advisories (import, publication,
    /// withdrawal). One row, one read.
    /// </summary>
    public long Revision()
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT revision FROM advisory_revision WHERE id = 1";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The advisories written after revision <paramref name="revision"/> (all of them for a negative value), read
    /// one at a time. Advisories are never deleted (withdrawal keeps the record), so these are all the changes.
    /// </summary>
    public IEnumerable<ChangedAdvisory> ChangedSince(long revision)
    {
        using var connection = database.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, record, revision FROM advisories WHERE revision > @revision";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@revision";
        parameter.Value = revision;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new ChangedAdvisory(reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
        }
    }
}
