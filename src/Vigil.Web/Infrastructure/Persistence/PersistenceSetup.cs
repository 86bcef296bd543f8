using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Vigil.Data;
using Vigil.Data.Advisories;

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
            // One data source, so one connection pool, for EF Core and Vigil.Data: clearing it after the server
            // dropped its connections (DatabaseRetry) clears every connection the instance holds.
            services.AddDbContext<PlatformDbContext, PostgresPlatformDbContext>((provider, db) =>
                db.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable(PlatformDbContext.MigrationsTable)));

            // The advisory tables live in the same PostgreSQL database; Vigil.Data reaches them through this data source.
            services.AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres!));
            services.AddSingleton(provider => VigilDatabase.OpenPostgreSql(provider.GetRequiredService<NpgsqlDataSource>(), Describe(options.Postgres!)));
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
            services.AddSingleton(_ => VigilDatabase.OpenSqlite(options.SqlitePath, create: true));
        }

        // The advisory database (Vigil.Data): the same file or PostgreSQL database as the platform's tables.
        services.AddSingleton<AdvisoryStore>();
        return services;
    }

    /// <summary>
    /// Brings the database up to date. The advisory schema is made first (through Vigil.Data, which also chooses the
    /// SQLite library explicitly), so that a SQLite file stays a Vigil database the CLI opens; on PostgreSQL the same
    /// advisory tables are made in the platform's database.
    /// </summary>
    public static async Task MigratePlatformDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<VigilDatabase>();

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The PostgreSQL database for messages: host and name, never the password.</summary>
    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database {builder.Database} on {builder.Host}";
    }
}
