using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Mail;

/// <summary>
/// Puts e-mail into the outbox table of the caller's <see cref="PlatformDbContext"/>: the message is committed by
/// the same <c>SaveChanges</c> (or transaction) as the change that caused it, or not at all.
/// </summary>
public sealed class MailOutbox(PlatformDbContext db, TimeProvider time, IOptions<MailSettings> settings, OutboxSignal signal)
{
    /// <summary>Adds a message; nothing is written until the caller saves.</summary>
    public OutboxMessage Enqueue(string to, string subject, string textBody)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            MessageId = NewMessageId(settings.Value.From),
            To = to,
            Subject = subject,
            TextBody = textBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>Wakes the delivery worker; call after the transaction committed.</summary>
    public void Wake() => signal.Wake();

    private static string NewMessageId(string from)
    {
        int at = from.LastIndexOf('@');
        string domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..].TrimEnd('>', ' ') : "vigil.invalid";
        return $"{Guid.CreateVersion7():N}@{domain}";
    }
}

/// <summary>Wakes the delivery worker early when mail was committed.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Wake()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => _semaphore.WaitAsync(cancellationToken);

    public void Dispose() => _semaphore.Dispose();
}
