namespace Vigil.Data.Schema;

/// <summary>One step of the schema: the statements that take a database from version N-1 to N.</summary>
/// <param name="Version">The schema version this step produces.</param>
/// <param name="Sqlite">Its statements for SQLite.</param>
/// <param name="PostgreSql">Its statements for PostgreSQL.</param>
/// <param name="Then">What runs after the statements, in the same transaction (rebuilding derived data).</param>
internal sealed record Migration(int Version, string Sqlite, string PostgreSql, Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction>? Then = null)
{
    public string For(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? Sqlite : PostgreSql;
}
