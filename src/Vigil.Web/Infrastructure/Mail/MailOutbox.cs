using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Infrastructure.Mail;

/// <summary>
/// Puts e-mail into the outbox table of the caller's <see cref="PlatformDbContext"/>: the message is committed by
/// the same <c>SaveChanges</c> (or transaction) as the change that caused it, or not at all.
/// </summary>
/// <remarks>
/// The subject and the body are stored sealed (<see cref="SecretCipher.SealText"/>, bound to the Message-ID and the
/// field: <c>outbox:&lt;message id&gt;:subject</c>, <c>…:body</c>): bodies carry one-time links and package names of
/// private reports. Only the delivery worker opens them (<see cref="Open"/>). A delivered message stays in the table,
/// still sealed, so that a resend after a crash sends the same message under the same Message-ID.
/// </remarks>
public sealed class MailOutbox(PlatformDbContext db, TimeProvider time, IOptions<MailSettings> settings, OutboxSignal signal, SecretCipher cipher)
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
        Seal(message, cipher);
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>Seals a message's subject and body in place (a message already sealed is left as it is).</summary>
    public static void Seal(OutboxMessage message, SecretCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(cipher);
        if (!SecretCipher.IsSealedText(message.Subject))
        {
            message.Subject = cipher.SealText(message.Subject, Context(message.MessageId, "subject"));
        }

        if (!SecretCipher.IsSealedText(message.TextBody))
        {
            message.TextBody = cipher.SealText(message.TextBody, Context(message.MessageId, "body"));
        }
    }

    /// <summary>A copy of a stored message with its subject and body opened, for sending.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key file is not the one that sealed it, or the row was altered.</exception>
    public static OutboxMessage Open(OutboxMessage stored, SecretCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(cipher);
        return new OutboxMessage
        {
            Id = stored.Id,
            MessageId = stored.MessageId,
            To = stored.To,
            Subject = cipher.OpenText(stored.Subject, Context(stored.MessageId, "subject")),
            TextBody = cipher.OpenText(stored.TextBody, Context(stored.MessageId, "body")),
            CreatedAt = stored.CreatedAt,
            Attempts = stored.Attempts,
            NextAttemptAt = stored.NextAttemptAt,
            ClaimedUntil = stored.ClaimedUntil,
            SentAt = stored.SentAt,
            LastError = stored.LastError,
        };
    }

    internal static string Context(string messageId, string field) => $"outbox:{messageId}:{field}";

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
