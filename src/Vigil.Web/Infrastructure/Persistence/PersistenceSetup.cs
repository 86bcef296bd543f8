using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Data;

namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>Registers the platform's database and brings it up to date on start.</summary>
public static class PersistenceSetup
{
    /// <summary>
    /// Registers <see cref="PlatformDbContext"/> on SQLite (<c>--db</c>, <c>Vigil:Db</c>) or PostgreSQL
    /// (<c>--postgres</c>, <c>Vigil:Postgres</c>).
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new PlatformDatabaseOptions
        {
            Postgres = configuration["Vigil:Postgres"],
            SqlitePath = DatabaseLocation.Resolve(configuration["Vigil:Db"]),
        };
        services.AddSingleton(Options.Create(options));
        if (options.UsesPostgres)
        {
            services.AddDbContext<PlatformDbContext, PostgresPlatformDbContext>(db =>
                db.UseNpgsql(options.Postgres, npgsql => npgsql.MigrationsHistoryTable(PlatformDbContext.MigrationsTable)));
        }
        else
        {
            string connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.SqlitePath,
                ForeignKeys = true,
                DefaultTimeout = 30,
            }.ToString();
            services.AddDbContext<PlatformDbContext, SqlitePlatformDbContext>(db =>
                db.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable(PlatformDbContext.MigrationsTable)));
        }

        return services;
    }

    /// <summary>
    /// Brings the database up to date. On SQLite the advisory schema is created first (through Vigil.Data, which
    /// also chooses the SQLite library explicitly), so that the file stays a Vigil database the CLI opens.
    /// </summary>
    public static async Task MigratePlatformDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<PlatformDatabaseOptions>>().Value;
        if (!options.UsesPostgres)
        {
            VigilDatabase.OpenSqlite(options.SqlitePath, create: true);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
