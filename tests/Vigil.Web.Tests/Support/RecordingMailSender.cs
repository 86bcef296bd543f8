using System.Collections.Concurrent;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Tests.Support;

/// <summary>Records what would have been sent; can fail the first N attempts.</summary>
internal sealed class RecordingMailSender : IMailSender
{
    public ConcurrentQueue<OutboxMessage> Attempts { get; } = new();

    public ConcurrentQueue<OutboxMessage> Sent { get; } = new();

    public int FailuresToCome { get; set; }

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        Attempts.Enqueue(message);
        if (FailuresToCome > 0)
        {
            FailuresToCome--;
            throw new IOException("the SMTP server went away");
        }

        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
