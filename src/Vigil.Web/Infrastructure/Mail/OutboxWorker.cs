using Microsoft.Extensions.Options;

namespace Vigil.Web.Infrastructure.Mail;

/// <summary>Runs <see cref="OutboxDelivery"/> whenever mail was committed, and every few seconds.</summary>
internal sealed partial class OutboxWorker(IServiceScopeFactory scopes, OutboxSignal signal, IOptions<MailSettings> settings, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Worker)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(settings.Value.Host))
        {
            LogDeliveryOff(logger);
            return;
        }

        var poll = TimeSpan.FromSeconds(Math.Max(1, settings.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(cancellationToken: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWorkerFailed(logger, e);
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(signal.WaitAsync(wait.Token), Task.Delay(poll, time, wait.Token));
            await wait.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail delivery is off: Vigil:Smtp:Host is not set. Messages wait in the outbox.")]
    private static partial void LogDeliveryOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker failed; it tries again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}

/// <summary>Registers the outbox, its sender and its worker.</summary>
public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailSettings>(configuration.GetSection("Vigil:Smtp"));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<MailOutbox>();
        services.AddScoped<OutboxDelivery>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
