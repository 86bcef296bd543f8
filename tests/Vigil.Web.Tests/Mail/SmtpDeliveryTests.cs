using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Testing;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Mail;

/// <summary>Delivery with MailKit to a real SMTP server on loopback.</summary>
public sealed class SmtpDeliveryTests
{
    [Fact]
    public async Task The_worker_delivers_a_committed_message_with_its_Message_ID_and_a_resend_keeps_it()
    {
        await using var sink = await SmtpSink.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var factory = new PlatformFactory(Smtp(sink), realMail: true);
        long id = await factory.WithScopeAsync(async services =>
        {
            var outbox = services.GetRequiredService<MailOutbox>();
            var message = outbox.Enqueue("reporter@example.org", "Your report", "We received your report.");
            await services.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
            outbox.Wake();
            return message.Id;
        });
        var stored = Assert.Single(await factory.OutboxToAsync("reporter@example.org"));

        // The background worker (started with the server) delivers it.
        var received = await sink.WaitForMessageAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal("<" + stored.MessageId + ">", received.Header("Message-ID"));
        Assert.Equal(["reporter@example.org"], received.RcptTo);
        Assert.Equal("vigil@example.org", received.MailFrom);
        Assert.Equal("Your report", received.Header("Subject"));
        Assert.Contains("We received your report.", received.Text, StringComparison.Ordinal);
        await WaitUntilAsync(() => factory.QueryAsync(db => db.Outbox.AnyAsync(m => m.Id == id && m.SentAt != null)));

        // A worker that died after sending but before marking the message sent: the lease ends, it is sent again,
        // under the same Message-ID, so the receiver sees one message.
        await factory.QueryAsync(db => db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(m => m.SetProperty(x => x.SentAt, (DateTime?)null)));
        int sent = await factory.WithScopeAsync(services => services.GetRequiredService<OutboxDelivery>().DeliverDueAsync());
        Assert.Equal(1, sent);
        await WaitUntilAsync(() => Task.FromResult(sink.Messages.Count >= 2));
        var again = sink.Messages[1];
        Assert.Equal(received.Header("Message-ID"), again.Header("Message-ID"));
    }

    [Fact]
    public async Task A_refused_delivery_is_recorded_and_scheduled_again_without_the_recipient_in_the_log()
    {
        await using var sink = await SmtpSink.StartAsync(user: "vigil", password: "right", requireAuth: true, cancellationToken: TestContext.Current.CancellationToken);
        var settings = Smtp(sink);
        settings["Vigil:Smtp:User"] = "vigil";
        settings["Vigil:Smtp:Password"] = "wrong";
        settings["Vigil:Smtp:Worker"] = "false"; // this test drives delivery itself
        using var factory = new PlatformFactory(settings, realMail: true);
        await factory.WithScopeAsync(async services =>
        {
            services.GetRequiredService<MailOutbox>().Enqueue("private@example.org", "s", "b");
            return await services.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        });

        int sent = await factory.WithScopeAsync(services => services.GetRequiredService<OutboxDelivery>().DeliverDueAsync());

        Assert.Equal(0, sent);
        Assert.Empty(sink.Messages);
        var stored = Assert.Single(await factory.OutboxToAsync("private@example.org"));
        Assert.Null(stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.NotNull(stored.LastError);
        Assert.True(stored.NextAttemptAt > factory.Time.GetUtcNow().UtcDateTime);
    }

    private static Dictionary<string, string?> Smtp(SmtpSink sink) => new()
    {
        ["Vigil:Smtp:Host"] = sink.Host,
        ["Vigil:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Vigil:Smtp:UseTls"] = "false",
        ["Vigil:Smtp:From"] = "vigil@example.org",
        ["Vigil:Smtp:PollSeconds"] = "1",
    };

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(await condition());
    }
}
