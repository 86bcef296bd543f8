using Microsoft.Extensions.Options;
using Vigil.Web.Features.Deadlines;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// Runs <see cref="NominationPass"/> on start and every <see cref="DeadlineSettings.PollSeconds"/> by the
/// <see cref="TimeProvider"/>; it is one of the platform's clocks, so <c>Vigil:Deadlines:Worker</c> turns it off too.
/// </summary>
internal sealed partial class NominationWorker(NominationPass pass, IOptions<DeadlineSettings> settings, TimeProvider time, ILogger<NominationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Worker)
        {
            return;
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass.RunOnceAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The nominations' pass failed; it tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
