namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>Where the platform keeps its data: a SQLite file (the default) or a PostgreSQL server.</summary>
public sealed class PlatformDatabaseOptions
{
    /// <summary>
    /// The SQLite file, shared with the advisory database (<c>--db</c>; default as the CLI's:
    /// <see cref="Data.DatabaseLocation.Resolve"/>). Used when <see cref="Postgres"/> is not set.
    /// </summary>
    public string SqlitePath { get; set; } = string.Empty;

    /// <summary>A PostgreSQL connection string (<c>--postgres</c> or <c>Vigil:Postgres</c>).</summary>
    public string? Postgres { get; set; }

    /// <summary>True when the platform runs on PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);
}
