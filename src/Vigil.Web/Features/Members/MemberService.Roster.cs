using Microsoft.EntityFrameworkCore;
using Vigil.Governance;
using Vigil.Governance.Members;

namespace Vigil.Web.Features.Members;

/// <summary>What a person types to add a member on the roster.</summary>
/// <param name="Account">The account's e-mail address or user name.</param>
/// <param name="DisplayName">The name on the members page.</param>
/// <param name="Handle">The public handle.</param>
/// <param name="Employer">The employer; blank for none.</param>
public sealed record NewMember(string? Account, string? DisplayName, string? Handle, string? Employer);

/// <summary>The roster's changes: administrators add members, change an employer, mark a member as left.</summary>
public sealed partial class MemberService
{
    /// <summary>Every membership row, active first, then emeritus, then left; by name.</summary>
    public async Task<IReadOnlyList<GroupMemberRecord>> AllAsync(CancellationToken ct = default) =>
        [.. (await db.GroupMembers.AsNoTracking().ToListAsync(ct)).OrderBy(m => m.Status).ThenBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Id)];

    /// <summary>The account named by an e-mail address or a user name, or null.</summary>
    public async Task<PlatformUserRef?> FindAccountAsync(string? account, CancellationToken ct = default)
    {
        if (GroupText.Clean(account) is not { } name)
        {
            return null;
        }

        string upper = name.ToUpperInvariant();
        return await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == upper || u.NormalizedUserName == upper)
            .OrderBy(u => u.NormalizedEmail == upper ? 0 : 1)
            .Select(u => new PlatformUserRef(u.Id, u.Email ?? u.UserName ?? u.Id, u.TwoFactorEnabled, u.DisabledAt != null))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>An administrator adds an active member for an existing account; the errors, or empty when added.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(string actorId, NewMember form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? name = GroupText.Clean(form.DisplayName), handle = GroupText.Handle(form.Handle), employer = GroupText.Clean(form.Employer);
        var errors = new List<string>();
        var account = await FindAccountAsync(form.Account, ct);
        if (GroupText.Check("account", GroupText.Clean(form.Account), 256, required: true) is { } accountError)
        {
            errors.Add(accountError);
        }
        else if (account is null)
        {
            errors.Add("account: no account has this e-mail address or user name");
        }

        errors.AddRange(new[]
        {
            GroupText.Check("name", name, GroupText.NameLength, required: true),
            GroupText.CheckHandle(handle),
            GroupText.Check("employer", employer, GroupText.EmployerLength, required: false),
        }.OfType<string>());
        if (errors.Count > 0)
        {
            return errors;
        }

        var existing = await db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == account!.Id, ct);
        if (existing?.Status == MemberStatus.Active)
        {
            return ["account: is already an active member"];
        }

        if (await CapRefusalIfJoinedAsync(employer, ct) is { } refusal)
        {
            return [refusal];
        }

        var member = Activate(existing, account!.Id, name!, handle!, employer, nominationId: null, codeOfConductAcceptedAt: existing?.CodeOfConductAcceptedAt);
        audit.Record(actorId, GroupAuditActions.MemberChanged, account.Id, $"added: {handle}" + (employer is null ? string.Empty : $", employer {employer}"));
        // The triager role is not touched: a new member is not on the triage team until a vote puts them there.
        await audit.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>An administrator changes an active member's employer (the cap checked); the error, or null when changed.</summary>
    public async Task<string?> ChangeEmployerAsync(string actorId, long memberId, string? newEmployer, CancellationToken ct = default)
    {
        string? employer = GroupText.Clean(newEmployer);
        if (GroupText.Check("employer", employer, GroupText.EmployerLength, required: false) is { } error)
        {
            return error;
        }

        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return "member: no such member";
        }

        if (member.Status == MemberStatus.Active && employer is not null)
        {
            var others = await db.GroupMembers.Where(m => m.Status == MemberStatus.Active && m.Id != memberId).Select(m => m.Employer).ToListAsync(ct);
            if (CapRefusal(EmployerCap.BreachesIfJoined(others, employer, rules), employer, others.Count + 1) is { } refusal)
            {
                return refusal;
            }
        }

        string before = member.Employer ?? "none";
        member.Employer = employer;
        audit.Record(actorId, GroupAuditActions.MemberChanged, member.UserId, $"employer: {before} -> {employer ?? "none"}");
        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>An administrator marks a member as left: no longer counted, off the triage team, the triager role removed at once.</summary>
    public async Task<string?> MarkLeftAsync(string actorId, long memberId, CancellationToken ct = default)
    {
        var member = await db.GroupMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return "member: no such member";
        }

        if (member.Status == MemberStatus.Left)
        {
            return "member: has already left";
        }

        member.Status = MemberStatus.Left;
        member.LeftAt = Now();
        member.TriageTeam = false;
        audit.Record(actorId, GroupAuditActions.MemberChanged, member.UserId, "left");
        if (await triagerRole.SyncAsync(member))
        {
            audit.Record(actorId, GroupAuditActions.TriagerRole, member.UserId, "removed: left the group");
        }

        await audit.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// Makes the nominee of a completed nomination an active member (the caller checked the cap, records the audit
    /// entry and saves): a new row, or their old one (left or emeritus) made active again.
    /// </summary>
    public async Task<GroupMemberRecord> JoinAsync(string userId, string displayName, string handle, string? employer, long nominationId, DateTime codeOfConductAcceptedAt, CancellationToken ct = default)
    {
        var existing = await db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == userId, ct);
        return Activate(existing, userId, displayName, handle, employer, nominationId, codeOfConductAcceptedAt);
    }

    private GroupMemberRecord Activate(GroupMemberRecord? existing, string userId, string name, string handle, string? employer, long? nominationId, DateTime? codeOfConductAcceptedAt)
    {
        var member = existing ?? new GroupMemberRecord { UserId = userId, DisplayName = name, Handle = handle };
        member.DisplayName = name;
        member.Handle = handle;
        member.Employer = employer;
        member.Status = MemberStatus.Active;
        member.TriageTeam = false;
        member.JoinedAt = Now();
        member.EmeritusSince = null;
        member.LeftAt = null;
        member.NominationId = nominationId ?? member.NominationId;
        member.CodeOfConductAcceptedAt = codeOfConductAcceptedAt;
        if (existing is null)
        {
            db.GroupMembers.Add(member);
        }

        return member;
    }
}

/// <summary>An account as the group's forms name it.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="Email">Its e-mail address (or user name).</param>
/// <param name="TwoFactorEnabled">Whether the second factor is on.</param>
/// <param name="Disabled">Whether an administrator disabled it.</param>
public sealed record PlatformUserRef(string Id, string Email, bool TwoFactorEnabled, bool Disabled);
