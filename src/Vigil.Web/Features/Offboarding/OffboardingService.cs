using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Offboarding;

/// <summary>What a member's return came to.</summary>
public enum ReturnOutcome
{
    /// <summary>Active again.</summary>
    Returned,

    /// <summary>Not an emeritus member.</summary>
    NotEmeritus,

    /// <summary>The grace period is over: joining again takes a new nomination.</summary>
    GraceOver,

    /// <summary>The employer cap would be breached.</summary>
    EmployerCap,
}

/// <summary>
/// One step of one member's activity check, each in its own transaction with the audit entry and the e-mail: ask,
/// remind, move to emeritus (roles removed at once, the triage seat lost), move to left after the grace period,
/// confirm by the one-time link, and return. Every step claims its row with a conditional update, so two instances
/// running the same step at once do it once.
/// </summary>
public sealed class OffboardingService(
    PlatformDbContext db, AuditLog audit, MailOutbox outbox, TriagerRole role, GroupRules rules, MemberService members, TimeProvider time, AccountLinks links)
{
    private const string Clock = Vigil.Disclosure.Workflow.Actor.ClockId;

    /// <summary>Asks <paramref name="memberId"/> to confirm for the cycle starting at <paramref name="cycle"/>; false when already asked (or not active).</summary>
    public async Task<bool> AskAsync(long memberId, DateTime cycle, CancellationToken ct = default)
    {
        var member = await db.GroupMembers.SingleAsync(m => m.Id == memberId, ct);
        if (member.Status != MemberStatus.Active || await db.ActivityChecks.AnyAsync(c => c.MemberId == memberId && c.CycleStartedAt == cycle, ct))
        {
            return false;
        }

        string token = SecretTokens.New();
        var check = new ActivityCheckRecord { MemberId = memberId, CycleStartedAt = cycle, AskedAt = Now, TokenHash = SecretTokens.Hash(token) };
        db.ActivityChecks.Add(check);
        await MailAsync(member, OffboardingMail.AskSubject, OffboardingMail.Ask(member.DisplayName, Link(token), Now.AddDays(rules.EmeritusDays), reminder: false), ct);
        audit.Record(Clock, GroupAuditActions.ActivityCheck, Subject(member), $"asked for the cycle of {cycle:yyyy-MM-dd}");
        // The unique (member, cycle) index refuses a second instance's insert: its whole save, mail and audit included, rolls back.
        await audit.SaveChangesAsync(ct);
        outbox.Wake();
        return true;
    }

    /// <summary>Sends the reminder (with a new one-time link: the first one stops working); false when another pass did.</summary>
    public async Task<bool> RemindAsync(long checkId, CancellationToken ct = default)
    {
        string token = SecretTokens.New();
        return await ClaimAsync(checkId, c => c.RemindedAt == null, async (check, member) =>
        {
            check.RemindedAt = Now;
            check.TokenHash = SecretTokens.Hash(token);
            await MailAsync(member, OffboardingMail.ReminderSubject, OffboardingMail.Ask(member.DisplayName, Link(token), check.AskedAt.AddDays(rules.EmeritusDays), reminder: true), ct);
            audit.Record(Clock, GroupAuditActions.ActivityCheck, Subject(member), "reminded");
        }, ct);
    }

    /// <summary>Moves the member of an unanswered check to emeritus: roles removed and the triage seat lost at once.</summary>
    public async Task<bool> EmeritusAsync(long checkId, CancellationToken ct = default) =>
        await ClaimAsync(checkId, c => true, async (check, member) =>
        {
            check.EmeritusAt = Now;
            member.Status = MemberStatus.Emeritus;
            member.EmeritusSince = Now;
            member.TriageTeam = false;
            var until = Now.AddDays(rules.ReturnGraceDays);
            await MailAsync(member, OffboardingMail.EmeritusSubject, OffboardingMail.Emeritus(member.DisplayName, links.BaseUrl(null) + "/members/return", until), ct);
            audit.Record(Clock, GroupAuditActions.ActivityCheck, Subject(member), "no answer: emeritus");
            if (await role.SyncAsync(member))
            {
                audit.Record(Clock, GroupAuditActions.TriagerRole, Subject(member), "removed");
            }
        }, ct);

    /// <summary>Moves an emeritus member whose grace period is over to left; false when another pass did or they returned.</summary>
    public async Task<bool> LeftAsync(long memberId, CancellationToken ct = default)
    {
        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        var graceStart = now.AddDays(-rules.ReturnGraceDays);
        int claimed = await db.GroupMembers
            .Where(m => m.Id == memberId && m.Status == MemberStatus.Emeritus && m.EmeritusSince != null && m.EmeritusSince <= graceStart)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Left).SetProperty(m => m.LeftAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        audit.Record(Clock, GroupAuditActions.ActivityCheck, $"member:{memberId}", "grace period over: left");
        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The open check a confirmation token belongs to, or null (unknown, used, replaced or too late).</summary>
    public Task<ActivityCheckRecord?> FindOpenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return Task.FromResult<ActivityCheckRecord?>(null);
        }

        string hash = SecretTokens.Hash(token);
        return db.ActivityChecks.AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash && c.ConfirmedAt == null && c.EmeritusAt == null, ct);
    }

    /// <summary>Confirms by the one-time link (signed in or not); false when the link is not (or no longer) valid.</summary>
    public async Task<bool> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        var open = await FindOpenAsync(token, ct);
        if (open is null)
        {
            return false;
        }

        string hash = open.TokenHash;
        return await ClaimAsync(open.Id, c => c.TokenHash == hash, (check, member) =>
        {
            check.ConfirmedAt = Now;
            audit.Record(member.UserId, GroupAuditActions.ActivityCheck, Subject(member), "confirmed");
            return Task.CompletedTask;
        }, ct);
    }

    /// <summary>An emeritus member comes back within the grace period, without a nomination but within the employer cap.</summary>
    public async Task<(ReturnOutcome Outcome, string? Detail)> ReturnAsync(string userId, CancellationToken ct = default)
    {
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == userId, ct);
        if (member is null || member.Status != MemberStatus.Emeritus || member.EmeritusSince is null)
        {
            return (ReturnOutcome.NotEmeritus, null);
        }

        if (Now >= ReturnUntil(member))
        {
            return (ReturnOutcome.GraceOver, null);
        }

        var breaches = await members.BreachesIfJoinedAsync(member.Employer, ct);
        if (breaches.Count > 0)
        {
            return (ReturnOutcome.EmployerCap, string.Join("; ", breaches.Select(b => $"{b.Employer}: {b.Members} active members would work there, at most {b.Allowed} may")));
        }

        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Now;
        int claimed = await db.GroupMembers.Where(m => m.Id == member.Id && m.Status == MemberStatus.Emeritus)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MemberStatus.Active), ct);
        if (claimed == 0)
        {
            return (ReturnOutcome.NotEmeritus, null);
        }

        await db.ActivityChecks.Where(c => c.MemberId == member.Id && c.EmeritusAt != null && c.ReturnedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReturnedAt, now), ct);
        audit.Record(userId, GroupAuditActions.ActivityCheck, Subject(member), "returned from emeritus");
        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (ReturnOutcome.Returned, null);
    }

    /// <summary>Until when (exclusive) an emeritus member may come back.</summary>
    public DateTime ReturnUntil(GroupMemberRecord member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return (member.EmeritusSince ?? DateTime.MinValue).AddDays(rules.ReturnGraceDays);
    }

    // Claims an open check (not confirmed, not emeritus, member active) with a conditional update inside a transaction,
    // then lets the step change the check and the member; saves everything with the audit entry and any e-mail.
    private async Task<bool> ClaimAsync(long checkId, System.Linq.Expressions.Expression<Func<ActivityCheckRecord, bool>> condition,
        Func<ActivityCheckRecord, GroupMemberRecord, Task> step, CancellationToken ct)
    {
        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int claimed = await db.ActivityChecks.Where(c => c.Id == checkId && c.ConfirmedAt == null && c.EmeritusAt == null).Where(condition)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AskedAt, c => c.AskedAt), ct);
        var check = await db.ActivityChecks.SingleAsync(c => c.Id == checkId, ct);
        var member = await db.GroupMembers.SingleAsync(m => m.Id == check.MemberId, ct);
        if (claimed == 0 || member.Status != MemberStatus.Active)
        {
            return false;
        }

        await step(check, member);
        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Wake();
        return true;
    }

    private async Task MailAsync(GroupMemberRecord member, string subject, string body, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        if (email is not null)
        {
            outbox.Enqueue(email, subject, body);
        }
    }

    private string Link(string token) => $"{links.BaseUrl(null)}/members/activity/{token}";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Subject(GroupMemberRecord member) => $"member:{member.Id}";
}
