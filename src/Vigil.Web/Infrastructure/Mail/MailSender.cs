using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Infrastructure.Mail;

/// <summary>Sends one message from the outbox.</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="message"/> with its own Message-ID; throws when the server refused it.</summary>
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Delivery over SMTP with MailKit.</summary>
internal sealed class SmtpMailSender(IOptions<MailSettings> options) : IMailSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string host = settings.Host ?? throw new InvalidOperationException("Vigil:Smtp:Host is not set");
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = message.TextBody },
        };
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));

        using var client = new SmtpClient();
        var security = !settings.UseTls ? SecureSocketOptions.None
            : settings.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(host, settings.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
