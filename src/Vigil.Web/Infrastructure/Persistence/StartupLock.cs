using Microsoft.Extensions.Options;
using Npgsql;

namespace Vigil.Web.Infrastructure.Persistence;

/// <summary>
/// Serialises the start-up steps of instances that start at once over one PostgreSQL database: the advisory schema,
/// the platform's migrations, sealing old plain secrets, the first data-protection key, the roles and the first-start
/// link. Each would otherwise race (two <c>CREATE TABLE</c>, two keys, two first administrators).
/// </summary>
/// <remarks>
/// A session-level PostgreSQL advisory lock on a connection of its own, held until disposed; a crashed holder's
/// lock ends with its connection. On SQLite nothing is taken: one file is written by one server (SQLite serialises
/// writers, and EF Core's migration lock covers its migrations).
/// </remarks>
public static class StartupLock
{
    /// <summary>The advisory lock's key: "VIGIL" and 1, as a bigint.</summary>
    public const long Key = 0x56_49_47_49_4C_01;

    /// <summary>Takes the lock (waiting for another instance's start-up to finish); dispose to release it.</summary>
    public static async Task<IAsyncDisposable> HoldStartupLockAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (!services.GetRequiredService<IOptions<PlatformDatabaseOptions>>().Value.UsesPostgres)
        {
            return new Nothing();
        }

        var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Key });
            // Waiting for another instance's migrations may take longer than a command's usual timeout.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = Key });
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server released the lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
