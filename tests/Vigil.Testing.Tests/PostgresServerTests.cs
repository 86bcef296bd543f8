using Npgsql;

namespace Vigil.Testing.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task FreshDatabase_StoresAndReadsBack_ThenIsDropped()
    {
        var ct = TestContext.Current.CancellationToken;
        string name;
        await using (var database = await PostgresServer.CreateDatabaseAsync(ct))
        {
            name = database.Name;
            Assert.StartsWith("vigil_test_", name, StringComparison.Ordinal);
            Assert.True(await PostgresServer.DatabaseExistsAsync(name, ct));

            await using var connection = await database.OpenConnectionAsync(ct);
            Assert.Equal(name, connection.Database);
            await using (var create = new NpgsqlCommand("CREATE TABLE advisory (id text PRIMARY KEY, score numeric(3,1) NOT NULL)", connection))
            {
                await create.ExecuteNonQueryAsync(ct);
            }

            await using (var insert = new NpgsqlCommand("INSERT INTO advisory VALUES ($1, $2), ($3, $4)", connection))
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = "NSWG-ECO-1" });
                insert.Parameters.Add(new NpgsqlParameter { Value = 7.5m });
                insert.Parameters.Add(new NpgsqlParameter { Value = "NSWG-ECO-2" });
                insert.Parameters.Add(new NpgsqlParameter { Value = 9.8m });
                Assert.Equal(2, await insert.ExecuteNonQueryAsync(ct));
            }

            var rows = new List<(string Id, decimal Score)>();
            await using (var select = new NpgsqlCommand("SELECT id, score FROM advisory ORDER BY id", connection))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rows.Add((reader.GetString(0), reader.GetDecimal(1)));
                }
            }

            Assert.Equal([("NSWG-ECO-1", 7.5m), ("NSWG-ECO-2", 9.8m)], rows);

            // The connection above is still open: dropping must close it, not wait for it.
        }

        Assert.False(await PostgresServer.DatabaseExistsAsync(name, ct));
    }

    [Fact]
    public async Task EachDatabase_IsItsOwn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await PostgresServer.CreateDatabaseAsync(ct);
        await using var second = await PostgresServer.CreateDatabaseAsync(ct);
        Assert.NotEqual(first.Name, second.Name);

        await using (var connection = await first.OpenConnectionAsync(ct))
        await using (var create = new NpgsqlCommand("CREATE TABLE only_in_first (x int)", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using var other = await second.OpenConnectionAsync(ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'", other);
        Assert.Equal(0L, await count.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task TestRole_IsNotSuperuser()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.False(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
    }
}

public sealed class PostgresClassFixtureTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task ClassFixture_GivesAnOpenableDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal(database.Name, await command.ExecuteScalarAsync(ct));
    }
}
