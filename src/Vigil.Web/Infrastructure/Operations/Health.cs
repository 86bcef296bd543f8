using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Operations;

/// <summary>How the server stops (<c>Vigil:Shutdown</c>).</summary>
public sealed class ShutdownSettings
{
    /// <summary>
    /// Seconds between the stop signal and closing the listener, while <c>/health/ready</c> answers 503 and requests
    /// are still served: the time a load balancer needs to take the instance out (default 2; 0 stops at once).
    /// </summary>
    public int DrainSeconds { get; set; } = 2;

    /// <summary>Seconds that requests in flight (and the workers) get to finish once the listener is closed (default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>
/// Whether this instance should be sent traffic: its database is migrated, the host has started and is not
/// stopping, and the database answers. The database's answer is kept for a second, so that probes (anonymous)
/// cost at most one <c>SELECT 1</c> a second.
/// </summary>
public sealed class Readiness(IHostApplicationLifetime lifetime, IServiceScopeFactory scopes) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _probe = new(1, 1);
    private volatile bool _migrated;
    private volatile Probe _last = new(long.MinValue / 2, false);

    /// <summary>Set once the platform's and the advisory schema are up to date (see <c>MigratePlatformDatabaseAsync</c>).</summary>
    public void MarkMigrated() => _migrated = true;

    /// <summary>True from the start signal until the stop signal; false before the migrations and once stopping began.</summary>
    public bool Serving => _migrated && lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>True when the instance is <see cref="Serving"/> and its database answers.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (!Serving)
        {
            return false;
        }

        // Wall-clock free (a monotonic timestamp): the platform's TimeProvider may be a test's frozen clock.
        if (Stopwatch.GetElapsedTime(_last.At) < Fresh)
        {
            return _last.Reachable && Serving;
        }

        await _probe.WaitAsync(cancellationToken);
        try
        {
            if (Stopwatch.GetElapsedTime(_last.At) >= Fresh)
            {
                _last = new Probe(Stopwatch.GetTimestamp(), await DatabaseAnswersAsync(cancellationToken));
            }

            return _last.Reachable && Serving;
        }
        finally
        {
            _probe.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _probe.Dispose();

    private async Task<bool> DatabaseAnswersAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.Database.ExecuteSqlRawAsync("SELECT 1", timeout.Token);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Any failure (refused, timed out, a dropped connection) is "not ready"; the probe says no more.
            return false;
        }
    }

    private sealed record Probe(long At, bool Reachable);
}

/// <summary>
/// On the stop signal, before the listener closes: waits <see cref="ShutdownSettings.DrainSeconds"/> while readiness
/// already answers 503 (the host cancels <c>ApplicationStopping</c> first), so a load balancer stops sending
/// new requests before the connections close. Requests in flight then get <see cref="ShutdownSettings.TimeoutSeconds"/>.
/// </summary>
internal sealed class ShutdownDrain(IOptions<ShutdownSettings> settings) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        int seconds = Math.Max(0, settings.Value.DrainSeconds);
        if (seconds > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The shutdown timeout ran out: stop now.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Liveness and readiness: <c>GET /health/live</c> and <c>GET /health/ready</c>.</summary>
public static class HealthSetup
{
    /// <summary>The liveness route: 200 while the process runs.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness route: 200 when the instance should get traffic, else 503.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Registers readiness and the shutdown drain, and sets the host's shutdown timeout from <c>Vigil:Shutdown</c>.</summary>
    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ShutdownSettings>(configuration.GetSection("Vigil:Shutdown"));
        var shutdown = configuration.GetSection("Vigil:Shutdown").Get<ShutdownSettings>() ?? new ShutdownSettings();
        services.Configure<HostOptions>(host =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(0, shutdown.DrainSeconds) + Math.Max(1, shutdown.TimeoutSeconds)));
        services.AddSingleton<Readiness>();
        services.AddHostedService<ShutdownDrain>();
        return services;
    }

    /// <summary>
    /// Maps the probes: anonymous (a load balancer has no account), not rate limited (it probes often; readiness
    /// asks the database at most once a second), plain text with no detail (nothing about the database leaks), never cached.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet(LivePath, (HttpContext context) => Plain(context, StatusCodes.Status200OK, "live")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ReadyPath, async (HttpContext context, Readiness readiness) =>
                await readiness.IsReadyAsync(context.RequestAborted)
                    ? Plain(context, StatusCodes.Status200OK, "ready")
                    : Plain(context, StatusCodes.Status503ServiceUnavailable, "unavailable"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Plain(HttpContext context, int status, string text)
    {
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(text, "text/plain", statusCode: status);
    }
}
