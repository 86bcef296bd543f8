using Microsoft.EntityFrameworkCore;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Members;

/// <summary>The group's membership as the other group features ask about it: who is an active member, and the employer cap.</summary>
public sealed partial class MemberService(PlatformDbContext db, GroupRules rules, TriagerRole triagerRole, Infrastructure.Audit.AuditLog audit, TimeProvider time)
{
    /// <summary>The account's membership row when it is an active member.</summary>
    public Task<GroupMemberRecord?> ActiveMemberAsync(string userId, CancellationToken ct = default) =>
        db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == userId && m.Status == MemberStatus.Active, ct);

    /// <summary>Whether the account is an active member.</summary>
    public Task<bool> IsActiveMemberAsync(string userId, CancellationToken ct = default) =>
        db.GroupMembers.AnyAsync(m => m.UserId == userId && m.Status == MemberStatus.Active, ct);

    /// <summary>Every active member, by display name.</summary>
    public async Task<IReadOnlyList<GroupMemberRecord>> ActiveMembersAsync(CancellationToken ct = default) =>
        await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.DisplayName).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>The employer cap's breaches if one more active member with <paramref name="employer"/> joined (empty: allowed).</summary>
    public async Task<IReadOnlyList<EmployerBreach>> BreachesIfJoinedAsync(string? employer, CancellationToken ct = default)
    {
        var employers = await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).Select(m => m.Employer).ToListAsync(ct);
        return EmployerCap.BreachesIfJoined(employers, employer, rules);
    }

    /// <summary>The employer cap's breaches among the active members now (after a member left, or the rules changed).</summary>
    public async Task<IReadOnlyList<EmployerBreach>> BreachesAsync(CancellationToken ct = default)
    {
        var employers = await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).Select(m => m.Employer).ToListAsync(ct);
        return EmployerCap.Breaches(employers, rules);
    }

    /// <summary>
    /// Why one more active member with <paramref name="employer"/> would breach the employer cap, naming the employer
    /// and the numbers; null when it would not. Breaches of other employers do not stop a join: a larger group only
    /// raises their allowance.
    /// </summary>
    public async Task<string?> CapRefusalIfJoinedAsync(string? employer, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(employer))
        {
            return null;
        }

        var employers = await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).Select(m => m.Employer).ToListAsync(ct);
        return CapRefusal(EmployerCap.BreachesIfJoined(employers, employer, rules), employer, employers.Count + 1);
    }

    /// <summary>The refusal text for a breach of <paramref name="employer"/> in a group of <paramref name="groupSize"/>, or null.</summary>
    internal string? CapRefusal(IReadOnlyList<EmployerBreach> breaches, string employer, int groupSize)
    {
        string key = EmployerCap.Key(employer);
        var breach = breaches.FirstOrDefault(b => EmployerCap.Key(b.Employer) == key);
        return breach is null
            ? null
            : $"employer: the employer cap would be breached: {breach.Employer} would have {breach.Members} of {groupSize} active members, " +
              $"and at most {breach.Allowed} ({rules.EmployerShareNumerator}/{rules.EmployerShareDenominator}) may share an employer.";
    }

    /// <summary>The text shown for a current breach.</summary>
    public string Describe(EmployerBreach breach, int groupSize)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return $"{breach.Employer} has {breach.Members} of {groupSize} active members; at most {breach.Allowed} " +
               $"({rules.EmployerShareNumerator}/{rules.EmployerShareDenominator}) may share an employer.";
    }

    private DateTime Now() => Truncate(time.GetUtcNow().UtcDateTime);

    /// <summary>A time to whole microseconds, as PostgreSQL keeps it, so that a stored time compares the same on both engines.</summary>
    internal static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
