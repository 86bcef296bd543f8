using Microsoft.Extensions.Options;

namespace Vigil.Web.Features.Offboarding;

/// <summary>Runs <see cref="OffboardingPass"/> on start and every <see cref="OffboardingSettings.PollSeconds"/> by the <see cref="TimeProvider"/>.</summary>
internal sealed partial class OffboardingWorker(OffboardingPass pass, IOptions<OffboardingSettings> settings, TimeProvider time, ILogger<OffboardingWorker> logger) : BackgroundService
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The activity checks' pass failed; it tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
