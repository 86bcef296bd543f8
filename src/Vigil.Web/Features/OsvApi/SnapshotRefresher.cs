using Microsoft.Extensions.Options;

namespace Vigil.Web.Features.OsvApi;

/// <summary>
/// Keeps <see cref="AdvisorySnapshot"/> current: loads it when the server starts, then asks the database's change
/// counter every <see cref="OsvApiOptions.RefreshSeconds"/>. A failed poll (the database restarting) is logged and
/// retried at the next tick; the index keeps answering from what it holds.
/// </summary>
internal sealed partial class SnapshotRefresher(AdvisorySnapshot snapshot, IOptions<OsvApiOptions> options, ILogger<SnapshotRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.RefreshSeconds));
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await Task.Run(snapshot.Refresh, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or Vigil.Data.DatabaseException or InvalidOperationException or TimeoutException)
            {
                Failed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Advisory index: the database could not be read ({Message}); retrying")]
    private static partial void Failed(ILogger logger, string message);
}
