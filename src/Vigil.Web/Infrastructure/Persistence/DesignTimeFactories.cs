using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>For <c>dotnet ef migrations add X --context SqlitePlatformDbContext --output-dir Infrastructure/Persistence/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePlatformDbContext>
{
    public SqlitePlatformDbContext CreateDbContext(string[] args)
    {
        // Vigil.Data chooses the SQLite library explicitly at run time (VigilDatabase); the tools need it too.
        SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());
        return new(new DbContextOptionsBuilder<SqlitePlatformDbContext>()
            .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable(PlatformDbContext.MigrationsTable))
            .Options);
    }
}

/// <summary>For <c>dotnet ef migrations add X --context PostgresPlatformDbContext --output-dir Infrastructure/Persistence/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPlatformDbContext>
{
    public PostgresPlatformDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlatformDbContext>()
            .UseNpgsql("Host=localhost;Database=vigil_design_time", n => n.MigrationsHistoryTable(PlatformDbContext.MigrationsTable))
            .Options);
}
