namespace Vigil.Web.Infrastructure.Operations;

/// <summary>
/// Runs one of the platform's clock passes (deadlines, nominations, activity checks) on start and every
/// <see cref="PollSeconds"/> by the <see cref="TimeProvider"/>, so that a test's fake clock drives it. A failed pass is
/// logged and tried again at the next poll; the pass itself is idempotent and safe on several instances.
/// </summary>
internal abstract partial class ClockWorker(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Whether this instance runs the pass.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>Seconds between two passes (at least one).</summary>
    protected abstract int PollSeconds { get; }

    /// <summary>What the pass does, for the log (for example "the deadlines").</summary>
    protected abstract string PassName { get; }

    /// <summary>One pass at <paramref name="now"/>.</summary>
    protected abstract Task RunPassAsync(DateTimeOffset now, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunPassAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, PassName, e);
            }

            try
            {
                await Task.Delay(poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The pass of {Pass} failed; it tries again")]
    private static partial void LogPassFailed(ILogger logger, string pass, Exception exception);
}
