using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// One pass of the nominations' clock: every open nomination whose window (<see cref="NominationRecord.ObjectionsCloseAt"/>)
/// has passed with no standing objection moves to onboarding, and its nominee is told by e-mail. A nomination with a
/// standing objection stays open (blocked) and moves at the first pass after the objection is withdrawn.
/// </summary>
/// <remarks>
/// Safe with several instances: the move is one conditional UPDATE (still open, window passed, no standing objection)
/// in the same transaction as the e-mail and the audit entry, so exactly one instance moves a nomination and mails.
/// </remarks>
public sealed partial class NominationPass(IServiceScopeFactory scopes, ILogger<NominationPass> logger)
{
    /// <summary>Runs one pass at <paramref name="now"/>; returns how many nominations moved to onboarding.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowUtc = now.UtcDateTime;
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            due = await Due(db, nowUtc).OrderBy(n => n.ObjectionsCloseAt).Select(n => n.Id).ToListAsync(cancellationToken);
        }

        int moved = 0;
        foreach (long id in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                moved += await MoveAsync(scope.ServiceProvider, id, nowUtc, cancellationToken) ? 1 : 0;
            }
            catch (DbUpdateException)
            {
                LogRace(logger, id);
            }
        }

        return moved;
    }

    private static IQueryable<NominationRecord> Due(PlatformDbContext db, DateTime now) =>
        db.Nominations.Where(n => n.State == NominationState.Open && n.ObjectionsCloseAt <= now
            && !db.NominationObjections.Any(o => o.NominationId == n.Id && o.WithdrawnAt == null));

    private static async Task<bool> MoveAsync(IServiceProvider services, long id, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<PlatformDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        var outbox = services.GetRequiredService<MailOutbox>();
        string baseUrl = services.GetRequiredService<AccountLinks>().BaseUrl(null);
        await using (await audit.HoldAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var at = Members.MemberService.Truncate(now);
            int claimed = await Due(db, now).Where(n => n.Id == id)
                .ExecuteUpdateAsync(n => n.SetProperty(x => x.State, NominationState.Onboarding).SetProperty(x => x.OnboardingAt, at), ct);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            var record = await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == id, ct);
            string? email = await db.Users.Where(u => u.Id == record.NomineeId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            if (email is not null)
            {
                outbox.Enqueue(email, "Your nomination to the Node.js Security Working Group: the onboarding checklist is open", Body(record, baseUrl));
            }

            audit.Record(Vigil.Disclosure.Workflow.Actor.ClockId, GroupAuditActions.Nomination, NominationService.Subject(id), "onboarding: the window passed with no standing objection");
            await audit.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        outbox.Wake();
        return true;
    }

    private static string Body(NominationRecord record, string baseUrl) =>
        $"""
        Hello {record.DisplayName},

        The window for objections to your nomination to the Node.js Security Working Group has passed with no
        standing objection. To become a member, complete the onboarding checklist (accept the code of conduct and
        turn on two-factor authentication):

        {baseUrl}/nominations/{record.Id}/checklist

        If you do not wish to join, you can withdraw the nomination on its page.
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance changed nomination {Id} at the same moment; the next pass looks again")]
    private static partial void LogRace(ILogger logger, long id);
}
