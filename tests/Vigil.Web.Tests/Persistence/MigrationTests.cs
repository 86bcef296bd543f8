using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Tests.Persistence;

/// <summary>
/// Every change to the platform's model comes with its migration on both engines: a change without one would leave a
/// database that the running code does not match. No connection is opened (the design-time factories'
/// contexts); EF compares the model with the snapshot.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a SQLite migration (dotnet ef migrations add).");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration (dotnet ef migrations add).");
    }
}
