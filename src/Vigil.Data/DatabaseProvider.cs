namespace Vigil.Data;

/// <summary>The database engines Vigil stores its data in.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default, for the CLI and a single server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for servers that scale out.</summary>
    PostgreSql,
}
