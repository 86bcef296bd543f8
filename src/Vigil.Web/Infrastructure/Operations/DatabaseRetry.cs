using Npgsql;

namespace Vigil.Web.Infrastructure.Operations;

/// <summary>
/// Recovery from dropped database connections (a PostgreSQL restart, a failover, an administrator ending backends)
/// without restarting the server.
/// </summary>
/// <remarks>
/// Npgsql keeps idle connections in its pool; after the server dropped them, each fails once when next used. On the
/// first such failure the pools are cleared, so the next requests open fresh connections. A read (GET or HEAD) that
/// failed this way, before anything of its response was sent, runs again (up to three times in all) in a fresh service scope (a fresh
/// <c>DbContext</c>): it changes nothing, so running it again is safe. A write is not run again: the failure may
/// have come after its commit, and the client is told (500) rather than the change applied twice. EF Core's
/// retrying execution strategy is not used for the same reason, and because it refuses the transactions the
/// platform opens itself (publication, the audit chain).
/// </remarks>
public static partial class DatabaseRetry
{
    /// <summary>Adds the middleware; place it after routing, before authentication (which reads the database).</summary>
    public static IApplicationBuilder UseDatabaseRetry(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var original = context.RequestServices;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await next(context);
                    return;
                }
                catch (Exception e) when (IsDroppedConnection(e))
                {
                    ClearPools(original);
                    bool read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
                    if (!read || attempt >= Attempts || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
                    {
                        throw;
                    }

                    LogRetry(original.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseRetry)), e.GetType().Name);
                }

                // A fresh scope (a fresh DbContext) for the next attempt; disposed with the request.
                var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                context.Response.RegisterForDisposeAsync(scope);
                context.RequestServices = scope.ServiceProvider;
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
        }
        finally
        {
            context.RequestServices = original;
        }
    });

    /// <summary>How many times a read runs at most: a drop can hit the retry too, while the server is restarting.</summary>
    private const int Attempts = 3;

    /// <summary>True when <paramref name="exception"/> (or one it wraps) says the database connection was lost or refused.</summary>
    public static bool IsDroppedConnection(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now; class 08: connection exceptions.
                case PostgresException pg when pg.SqlState is "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
            }
        }

        return false;
    }

    private static void ClearPools(IServiceProvider services)
    {
        NpgsqlConnection.ClearAllPools();
        services.GetService<NpgsqlDataSource>()?.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A database connection was lost ({ErrorType}); the pools were cleared and the read runs again")]
    private static partial void LogRetry(ILogger logger, string errorType);
}
