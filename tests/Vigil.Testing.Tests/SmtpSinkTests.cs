using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Vigil.Testing.Tests;

public sealed class SmtpSinkTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static MimeMessage Message(string subject, string to = "reporter@example.test")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Vigil", "vigil@example.test"));
        message.To.Add(new MailboxAddress("Reporter", to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.test");
        message.Headers.Add("X-Vigil-Report", "R-42");
        message.Body = new TextPart("plain") { Text = "Your report R-42 was received.\n" };
        return message;
    }

    private static async Task SendAsync(SmtpSink sink, MimeMessage message, string? user = null, string? password = null)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new SmtpClient();
        await client.ConnectAsync(sink.Host, sink.Port, SecureSocketOptions.None, ct);
        if (user is not null)
        {
            await client.AuthenticateAsync(user, password ?? string.Empty, ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    [Fact]
    public async Task MailKitMessage_ArrivesWithEnvelopeAndHeaders()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: ct);
        Assert.Equal("127.0.0.1", sink.Host);
        var sent = Message("Report received: R-42 — café");

        await SendAsync(sink, sent);
        var received = await sink.WaitForMessageAsync(m => m.Header("X-Vigil-Report") == "R-42", Timeout, ct);

        Assert.Equal("vigil@example.test", received.MailFrom);
        Assert.Equal(["reporter@example.test"], received.RcptTo);
        Assert.Null(received.User);
        Assert.Equal($"<{sent.MessageId}>", received.Header("Message-ID"));
        Assert.Contains("reporter@example.test", received.Header("To"), StringComparison.Ordinal);

        // The raw text parses back into the same message.
        using var stream = new MemoryStream(received.Raw.ToArray());
        var parsed = await MimeMessage.LoadAsync(stream, ct);
        Assert.Equal(sent.Subject, parsed.Subject);
        Assert.Equal(sent.MessageId, parsed.MessageId);
        Assert.Equal("Your report R-42 was received.\n", parsed.TextBody?.ReplaceLineEndings("\n"));
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task Auth_IsOptional_AndRecorded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: ct);
        await SendAsync(sink, Message("anonymous"));
        await SendAsync(sink, Message("signed in"), "mailer", "secret");

        var signedIn = await sink.WaitForMessageAsync(m => m.Header("Subject") == "signed in", Timeout, ct);
        var anonymous = await sink.WaitForMessageAsync(m => m.Header("Subject") == "anonymous", Timeout, ct);
        Assert.Equal("mailer", signedIn.User);
        Assert.Null(anonymous.User);
    }

    [Fact]
    public async Task Auth_WithCredentials_RefusesWrongOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync("mailer", "right", requireAuth: true, cancellationToken: ct);

        await Assert.ThrowsAsync<AuthenticationException>(() => SendAsync(sink, Message("wrong"), "mailer", "wrong"));
        await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(() => SendAsync(sink, Message("none")));
        await SendAsync(sink, Message("right"), "mailer", "right");

        var received = await sink.WaitForMessageAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal("right", received.Header("Subject"));
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task WaitForMessage_TimesOut_SayingWhatArrived()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var sink = await SmtpSink.StartAsync(cancellationToken: ct);
        await SendAsync(sink, Message("something else"));
        await sink.WaitForMessageAsync(Timeout, ct);

        var e = await Assert.ThrowsAsync<TimeoutException>(
            () => sink.WaitForMessageAsync(m => m.Header("Subject") == "never sent", TimeSpan.FromMilliseconds(300), ct));
        Assert.Contains("something else", e.Message, StringComparison.Ordinal);
    }
}
