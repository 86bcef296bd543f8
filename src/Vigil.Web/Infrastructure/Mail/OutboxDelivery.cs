using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Infrastructure.Mail;

/// <summary>
/// Delivers due outbox messages: claims each with a lease, sends it, marks it sent; a failure is retried later
/// with exponential backoff, under the same Message-ID.
/// </summary>
/// <remarks>
/// A claim is one conditional UPDATE (not yet sent, lease free or expired). It is safe with several instances on
/// both engines: SQLite serialises writers, and PostgreSQL re-checks the condition on the row a concurrent claim
/// just updated, so exactly one claim wins. No transaction or row lock is held during the SMTP conversation, which
/// is why this is not <c>SELECT … FOR UPDATE SKIP LOCKED</c>. A worker that dies after sending but before
/// marking leaves the lease to expire; the message is then sent again with the same Message-ID (at least once,
/// and receivers see a duplicate as one message). A worker stopped in the middle (the instance shuts down) gives
/// its claim back at once. Several instances' workers over one database each send a message only after winning
/// its claim (docs/adr/0008).
/// </remarks>
public sealed partial class OutboxDelivery(PlatformDbContext db, IMailSender sender, TimeProvider time, SecretCipher cipher, ILogger<OutboxDelivery> logger)
{
    /// <summary>How long a claim lasts before another worker may take the message over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);

    /// <summary>The wait after the <paramref name="attempts"/>th failed attempt: 30 s, 1 min, 2 min, … up to 6 h.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Clamp(attempts - 1, 0, 20)));

    /// <summary>Delivers up to <paramref name="max"/> due messages; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(int max = 20, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        int sent = 0;
        foreach (long id in due)
        {
            if (await DeliverAsync(id, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> DeliverAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leaseEnd = now + Lease;
        int claimed = await db.Outbox
            .Where(m => m.Id == id && m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedUntil, leaseEnd).SetProperty(x => x.Attempts, x => x.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        try
        {
            // Opened here, in memory, for the SMTP conversation only; the row keeps the sealed texts.
            await sender.SendAsync(MailOutbox.Open(message, cipher), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The instance is stopping: give the message back now, so that another instance sends it at its next
            // poll instead of after the lease (if the server had already taken it, the resend has the same Message-ID).
            await db.Outbox.Where(m => m.Id == id && m.SentAt == null).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var next = time.GetUtcNow().UtcDateTime + Backoff(message.Attempts);
            string error = $"{e.GetType().Name}: {e.Message}";
            error = error.Length > 1000 ? error[..1000] : error;
            await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
                .SetProperty(x => x.ClaimedUntil, (DateTime?)null)
                .SetProperty(x => x.NextAttemptAt, next)
                .SetProperty(x => x.LastError, error), CancellationToken.None);
            // The recipient and the text stay out of the log.
            LogFailed(logger, id, message.Attempts, e.GetType().Name, next);
            return false;
        }

        var sentAt = time.GetUtcNow().UtcDateTime;
        await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.SentAt, sentAt)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null)
            .SetProperty(x => x.LastError, (string?)null), CancellationToken.None);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {OutboxId} failed on attempt {Attempt} ({ErrorType}); next attempt at {NextAttempt:O}")]
    private static partial void LogFailed(ILogger logger, long outboxId, int attempt, string errorType, DateTime nextAttempt);
}
