namespace Vigil.Web.Infrastructure.Mail;

/// <summary>SMTP delivery (<c>Vigil:Smtp</c>). Without a host, mail waits in the outbox.</summary>
public sealed class MailSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string From { get; set; } = "vigil@localhost";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS required: implicit TLS on port 465, STARTTLS otherwise. Off only for a relay on loopback.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Whether this instance runs the delivery worker (any number of instances may; claims keep them apart).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks for due mail when nothing woke it, in seconds.</summary>
    public int PollSeconds { get; set; } = 5;
}
