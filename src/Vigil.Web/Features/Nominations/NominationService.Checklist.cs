using Microsoft.EntityFrameworkCore;
using Vigil.Governance;

namespace Vigil.Web.Features.Nominations;

/// <summary>The nominee's onboarding checklist as they see it.</summary>
/// <param name="Record">The nomination.</param>
/// <param name="TwoFactorEnabled">Whether the nominee's account has the second factor on (read from the account).</param>
public sealed record Checklist(NominationRecord Record, bool TwoFactorEnabled)
{
    /// <summary>Whether every item is done.</summary>
    public bool Complete => Record.CodeOfConductAcceptedAt is not null && TwoFactorEnabled;
}

/// <summary>The onboarding checklist: the code of conduct accepted, the second factor on; membership starts when both are done.</summary>
public sealed partial class NominationService
{
    /// <summary>The checklist of a nomination for its nominee (null for anyone else, or when it is not past the window).</summary>
    public async Task<Checklist?> ChecklistAsync(long id, string userId, CancellationToken ct = default)
    {
        var record = await db.Nominations.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.NomineeId == userId, ct);
        if (record is null || record.State is NominationState.Open or NominationState.Withdrawn)
        {
            return null;
        }

        bool twoFactor = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync(ct);
        return new Checklist(record, twoFactor);
    }

    /// <summary>The nominee accepts the code of conduct; membership starts if the checklist is then complete. The error, or null.</summary>
    public async Task<string?> AcceptCodeOfConductAsync(long id, string userId, CancellationToken ct = default)
    {
        var record = await OnboardingAsync(id, userId, ct);
        if (record.State != NominationState.Onboarding)
        {
            return "checklist: the nomination is not in onboarding";
        }

        if (record.CodeOfConductAcceptedAt is null)
        {
            record.CodeOfConductAcceptedAt = Members.MemberService.Truncate(time.GetUtcNow().UtcDateTime);
            audit.Record(userId, GroupAuditActions.Nomination, Subject(id), "code of conduct accepted");
            await audit.SaveChangesAsync(ct);
        }

        return await CompleteAsync(id, userId, ct);
    }

    /// <summary>
    /// Starts the nominee's membership when the checklist is complete, the employer cap checked at this moment
    /// (refused with the numbers; the nomination stays in onboarding). The error, or null (also when items remain).
    /// </summary>
    public async Task<string?> CompleteAsync(long id, string userId, CancellationToken ct = default)
    {
        var record = await OnboardingAsync(id, userId, ct);
        if (record.State != NominationState.Onboarding)
        {
            return record.State == NominationState.Completed ? null : "checklist: the nomination is not in onboarding";
        }

        bool twoFactor = await db.Users.Where(u => u.Id == userId).Select(u => u.TwoFactorEnabled).SingleAsync(ct);
        if (record.CodeOfConductAcceptedAt is null || !twoFactor)
        {
            return null;
        }

        if (await members.IsActiveMemberAsync(userId, ct))
        {
            return "checklist: you are already an active member";
        }

        if (await members.CapRefusalIfJoinedAsync(record.Employer, ct) is { } refusal)
        {
            return refusal + " Your membership cannot start until the group changes; the nomination stays in onboarding.";
        }

        await members.JoinAsync(userId, record.DisplayName, record.Handle, record.Employer, record.Id, record.CodeOfConductAcceptedAt.Value, ct);
        record.State = NominationState.Completed;
        record.CompletedAt = Members.MemberService.Truncate(time.GetUtcNow().UtcDateTime);
        audit.Record(userId, GroupAuditActions.Nomination, Subject(id), "completed: membership started");
        audit.Record(userId, GroupAuditActions.MemberChanged, userId, $"joined by nomination {id}: {record.Handle}" + (record.Employer is null ? string.Empty : $", employer {record.Employer}"));
        await audit.SaveChangesAsync(ct);
        return null;
    }

    private async Task<NominationRecord> OnboardingAsync(long id, string userId, CancellationToken ct) =>
        await db.Nominations.SingleOrDefaultAsync(n => n.Id == id && n.NomineeId == userId && n.State != NominationState.Open && n.State != NominationState.Withdrawn, ct)
        ?? throw new KeyNotFoundException();
}
