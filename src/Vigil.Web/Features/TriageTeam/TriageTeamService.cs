using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Accounts;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.TriageTeam;

/// <summary>An open or decided motion with its tally as the team page shows it.</summary>
/// <param name="Motion">The motion.</param>
/// <param name="Member">The member it is about.</param>
/// <param name="InFavour">Votes for.</param>
/// <param name="Against">Votes against.</param>
/// <param name="MyVote">The viewer's vote, if any.</param>
public sealed record MotionView(TriageMotionRecord Motion, GroupMemberRecord Member, int InFavour, int Against, bool? MyVote)
{
    /// <summary>Votes for that carry the motion: a majority of the electorate recorded at opening.</summary>
    public int Needed => (Motion.Electorate / 2) + 1;
}

/// <summary>
/// The triage team follows the WG's vote (issue 7, docs/adr/0012): an active member opens a motion to add or remove a
/// member, the active members at opening are the electorate (recorded), each votes once (changeable while open), and
/// the motion is decided as soon as a majority of the electorate is for it (carried) or can no longer be (failed).
/// A carried Add puts the member on the team and asks them to accept the privacy rules; the triager role follows
/// only once they have (<see cref="TriagerRole"/>). A carried Remove takes the seat and the role at once.
/// </summary>
public sealed class TriageTeamService(
    PlatformDbContext db, AuditLog audit, MailOutbox outbox, TriagerRole role, GroupRules rules, TimeProvider time, AccountLinks links)
{
    /// <summary>The form field naming the member a motion or an appointment is about.</summary>
    public const string MemberField = "member";

    /// <summary>The form field of a motion's change: <c>add</c> or <c>remove</c>.</summary>
    public const string ChangeField = "change";

    /// <summary>The form field naming the motion voted on.</summary>
    public const string MotionField = "motion";

    /// <summary>The form field of a vote: <c>for</c> or <c>against</c>.</summary>
    public const string VoteField = "vote";

    /// <summary>The active members on the triage team, by name.</summary>
    public async Task<IReadOnlyList<GroupMemberRecord>> TeamAsync(CancellationToken ct = default) =>
        await db.GroupMembers.AsNoTracking().Where(m => m.Status == MemberStatus.Active && m.TriageTeam)
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>Whether the team is smaller than <see cref="GroupRules.TriageTeamMinimum"/>, and its size.</summary>
    public async Task<(bool Below, int Size)> BelowMinimumAsync(CancellationToken ct = default)
    {
        int size = await db.GroupMembers.CountAsync(m => m.Status == MemberStatus.Active && m.TriageTeam, ct);
        return (size < rules.TriageTeamMinimum, size);
    }

    /// <summary>The open motions and the last decided ones (newest first), with tallies and <paramref name="viewerId"/>'s vote.</summary>
    public async Task<IReadOnlyList<MotionView>> MotionsAsync(string? viewerId, int decided = 20, CancellationToken ct = default)
    {
        var open = await db.TriageMotions.AsNoTracking().Where(m => m.DecidedAt == null).OrderBy(m => m.Id).ToListAsync(ct);
        var closed = await db.TriageMotions.AsNoTracking().Where(m => m.DecidedAt != null).OrderByDescending(m => m.Id).Take(decided).ToListAsync(ct);
        var motions = open.Concat(closed).ToList();
        var ids = motions.Select(m => m.Id).ToList();
        var memberIds = motions.Select(m => m.MemberId).Distinct().ToList();
        var votes = (await db.TriageVotes.AsNoTracking().Where(v => ids.Contains(v.MotionId)).ToListAsync(ct)).ToLookup(v => v.MotionId);
        var members = await db.GroupMembers.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        return [.. motions.Select(m => new MotionView(
            m, members[m.MemberId], votes[m.Id].Count(v => v.InFavour), votes[m.Id].Count(v => !v.InFavour),
            votes[m.Id].FirstOrDefault(v => v.VoterId == viewerId)?.InFavour))];
    }

    /// <summary>Opens a motion; returns the refusal's reason, or null. <paramref name="proposerId"/> must be an active member.</summary>
    public async Task<string?> OpenAsync(string proposerId, long memberId, TriageChange change, CancellationToken ct = default)
    {
        if (await ActiveAsync(proposerId, ct) is null)
        {
            throw new UnauthorizedAccessException("Only active members open motions.");
        }

        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null || member.Status != MemberStatus.Active)
        {
            return "member: motions are about active members only";
        }

        if (change == TriageChange.Add && member.TriageTeam)
        {
            return $"member: {member.DisplayName} is already on the triage team";
        }

        if (change == TriageChange.Remove && !member.TriageTeam)
        {
            return $"member: {member.DisplayName} is not on the triage team";
        }

        if (await db.TriageMotions.AnyAsync(m => m.MemberId == memberId && m.DecidedAt == null, ct))
        {
            return $"member: a motion about {member.DisplayName} is already open";
        }

        var motion = new TriageMotionRecord
        {
            MemberId = memberId,
            Change = change,
            ProposedBy = proposerId,
            OpenedAt = Now,
            Electorate = await db.GroupMembers.CountAsync(m => m.Status == MemberStatus.Active, ct),
        };
        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.TriageMotions.Add(motion);
        await db.SaveChangesAsync(ct);
        audit.Record(proposerId, GroupAuditActions.TriageMotion, Subject(motion), $"opened: {change} member {memberId}, electorate {motion.Electorate}");
        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>Casts or changes <paramref name="voterId"/>'s vote and decides the motion when the votes settle it; returns the refusal's reason, or null.</summary>
    public async Task<string?> VoteAsync(string voterId, long motionId, bool inFavour, CancellationToken ct = default)
    {
        var voter = await ActiveAsync(voterId, ct) ?? throw new UnauthorizedAccessException("Only active members vote.");
        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var motion = await db.TriageMotions.SingleOrDefaultAsync(m => m.Id == motionId, ct);
        if (motion is null || motion.DecidedAt is not null)
        {
            return "motion: there is no open motion with this number";
        }

        if (voter.JoinedAt > motion.OpenedAt)
        {
            return "vote: only the members of the group when the motion opened (its electorate) vote on it";
        }

        var vote = await db.TriageVotes.SingleOrDefaultAsync(v => v.MotionId == motionId && v.VoterId == voterId, ct);
        if (vote is null)
        {
            db.TriageVotes.Add(new TriageVoteRecord { MotionId = motionId, VoterId = voterId, InFavour = inFavour, CastAt = Now });
        }
        else
        {
            vote.InFavour = inFavour;
            vote.CastAt = Now;
        }

        await db.SaveChangesAsync(ct);
        audit.Record(voterId, GroupAuditActions.TriageMotion, Subject(motion), inFavour ? "vote: for" : "vote: against");
        int yes = await db.TriageVotes.CountAsync(v => v.MotionId == motionId && v.InFavour, ct);
        int no = await db.TriageVotes.CountAsync(v => v.MotionId == motionId && !v.InFavour, ct);
        bool? carried = GroupRules.IsMajority(yes, motion.Electorate) ? true
            : !GroupRules.IsMajority(motion.Electorate - no, motion.Electorate) ? false
            : null;
        bool mail = false;
        if (carried is not null)
        {
            motion.DecidedAt = Now;
            motion.Carried = carried;
            audit.Record(Actor, GroupAuditActions.TriageMotion, Subject(motion), $"{(carried.Value ? "carried" : "failed")}: {yes} for, {no} against, electorate {motion.Electorate}");
            if (carried.Value)
            {
                var member = await db.GroupMembers.SingleAsync(m => m.Id == motion.MemberId, ct);
                mail = await ApplyAsync(member, motion.Change == TriageChange.Add, Subject(motion), ct);
            }
        }

        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (mail)
        {
            outbox.Wake();
        }

        return null;
    }

    /// <summary>
    /// Bootstrap (docs/adr/0012): while the team is below <see cref="GroupRules.TriageTeamMinimum"/>, an administrator may
    /// put an active member on it without a vote (audited). The member still accepts the privacy rules before the role.
    /// </summary>
    public async Task<string?> AppointAsync(string administratorId, long memberId, CancellationToken ct = default)
    {
        var (below, size) = await BelowMinimumAsync(ct);
        if (!below)
        {
            return $"member: the triage team has {size} members, not fewer than {rules.TriageTeamMinimum}: changes go through a vote";
        }

        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null || member.Status != MemberStatus.Active)
        {
            return "member: only active members join the triage team";
        }

        if (member.TriageTeam)
        {
            return $"member: {member.DisplayName} is already on the triage team";
        }

        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        bool mail = await ApplyAsync(member, true, $"member:{member.Id}", ct, administratorId);
        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (mail)
        {
            outbox.Wake();
        }

        return null;
    }

    /// <summary>The member voted onto the team accepts the privacy rules: the triager role is granted now. Returns false when there is nothing to accept.</summary>
    public async Task<bool> AcceptPrivacyAsync(string userId, CancellationToken ct = default)
    {
        var member = await ActiveAsync(userId, ct);
        if (member is null || !member.TriageTeam || member.PrivacyAcceptedAt is not null)
        {
            return false;
        }

        await using var hold = await audit.HoldAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        member.PrivacyAcceptedAt = Now;
        audit.Record(userId, GroupAuditActions.MemberChanged, $"member:{member.Id}", "privacy rules accepted");
        if (await role.SyncAsync(member))
        {
            audit.Record(Actor, GroupAuditActions.TriagerRole, $"member:{member.Id}", "granted");
        }

        await audit.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The account's active membership (tracked), or null.</summary>
    public Task<GroupMemberRecord?> ActiveAsync(string userId, CancellationToken ct = default) =>
        db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == userId && m.Status == MemberStatus.Active, ct);

    // Puts the member on the team (asking for the privacy rules) or takes them off it (the role goes at once).
    private async Task<bool> ApplyAsync(GroupMemberRecord member, bool add, string cause, CancellationToken ct, string? actor = null)
    {
        bool mail = false;
        member.TriageTeam = add;
        if (add)
        {
            // Every seat starts with the privacy rules accepted afresh: the role waits for it.
            member.PrivacyAcceptedAt = null;
            var email = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            if (email is not null)
            {
                outbox.Enqueue(email, "[Vigil] You are on the triage team: accept the privacy rules",
                    $"Hello {member.DisplayName},\n\nYou are now on the Node.js Security WG's triage team ({cause}).\n" +
                    $"Before you see reports, read and accept the privacy rules: {links.BaseUrl(null)}/triage-team/privacy\n");
                mail = true;
            }
        }

        audit.Record(actor ?? Actor, GroupAuditActions.MemberChanged, $"member:{member.Id}",
            (add ? "triage team: joined" : "triage team: left") + (actor is null ? $" ({cause})" : " (appointed by an administrator while the team was below the minimum)"));
        if (await role.SyncAsync(member))
        {
            audit.Record(Actor, GroupAuditActions.TriagerRole, $"member:{member.Id}", add ? "granted" : "removed");
        }

        return mail;
    }

    private const string Actor = Vigil.Disclosure.Workflow.Actor.ClockId;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Subject(TriageMotionRecord motion) => $"triage-motion:{motion.Id}";
}
