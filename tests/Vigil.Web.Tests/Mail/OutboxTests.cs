using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Mail;

public sealed class OutboxTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_message_enqueued_in_a_rolled_back_transaction_is_never_sent(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        await factory.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PlatformDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            services.GetRequiredService<MailOutbox>().Enqueue("rollback@example.org", "never", "never sent");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            return 0;
        });

        int sent = await factory.WithScopeAsync(services => services.GetRequiredService<OutboxDelivery>().DeliverDueAsync());

        Assert.Equal(0, sent);
        Assert.Empty(factory.Mail.Attempts);
        Assert.Empty(await factory.OutboxToAsync("rollback@example.org"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_failed_delivery_is_retried_after_backoff_with_the_same_Message_ID(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        factory.Mail.FailuresToCome = 2;
        await EnqueueAsync(factory, "retry@example.org");

        Assert.Equal(0, await DeliverAsync(factory));
        Assert.Equal(0, await DeliverAsync(factory)); // not due yet: backoff
        factory.Time.Advance(OutboxDelivery.Backoff(1));
        Assert.Equal(0, await DeliverAsync(factory));
        factory.Time.Advance(OutboxDelivery.Backoff(2));
        Assert.Equal(1, await DeliverAsync(factory));
        Assert.Equal(0, await DeliverAsync(factory)); // sent once, never again

        Assert.Equal(3, factory.Mail.Attempts.Count);
        Assert.Single(factory.Mail.Attempts.Select(m => m.MessageId).Distinct());
        var stored = Assert.Single(await factory.OutboxToAsync("retry@example.org"));
        Assert.NotNull(stored.SentAt);
        Assert.Equal(3, stored.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDelivery.Backoff(1));
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxDelivery.Backoff(2));
        Assert.Equal(TimeSpan.FromHours(6), OutboxDelivery.Backoff(30));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Two_workers_delivering_at_once_send_each_message_exactly_once(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        for (int i = 0; i < 20; i++)
        {
            await EnqueueAsync(factory, $"race{i}@example.org");
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DeliverAsync(factory))));

        Assert.Equal(20, results.Sum());
        Assert.Equal(20, factory.Mail.Sent.Count);
        Assert.Equal(20, factory.Mail.Sent.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_message_claimed_by_a_worker_that_died_is_taken_over_when_its_lease_ends(string engine)
    {
        using var factory = await PlatformFactory.OnAsync(engine);
        long id = await EnqueueAsync(factory, "lease@example.org");
        var now = factory.Time.GetUtcNow().UtcDateTime;
        await factory.QueryAsync(db => db.Outbox.Where(m => m.Id == id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedUntil, now + OutboxDelivery.Lease).SetProperty(x => x.Attempts, 1)));

        Assert.Equal(0, await DeliverAsync(factory));
        factory.Time.Advance(OutboxDelivery.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DeliverAsync(factory));
    }

    private static Task<long> EnqueueAsync(PlatformFactory factory, string to) => factory.WithScopeAsync(async services =>
    {
        var message = services.GetRequiredService<MailOutbox>().Enqueue(to, "Subject", "Body");
        await services.GetRequiredService<PlatformDbContext>().SaveChangesAsync();
        return message.Id;
    });

    private static Task<int> DeliverAsync(PlatformFactory factory) =>
        factory.WithScopeAsync(services => services.GetRequiredService<OutboxDelivery>().DeliverDueAsync());
}
