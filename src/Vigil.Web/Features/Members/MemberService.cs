using Microsoft.EntityFrameworkCore;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Members;

/// <summary>The group's membership as the other group features ask about it: who is an active member, and the employer cap.</summary>
public sealed class MemberService(PlatformDbContext db, GroupRules rules)
{
    /// <summary>The account's membership row when it is an active member.</summary>
    public Task<GroupMemberRecord?> ActiveMemberAsync(string userId, CancellationToken ct = default) =>
        db.GroupMembers.SingleOrDefaultAsync(m => m.UserId == userId && m.Status == MemberStatus.Active, ct);

    /// <summary>Every active member, by display name.</summary>
    public async Task<IReadOnlyList<GroupMemberRecord>> ActiveMembersAsync(CancellationToken ct = default) =>
        await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).OrderBy(m => m.DisplayName).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>The employer cap's breaches if one more active member with <paramref name="employer"/> joined (empty: allowed).</summary>
    public async Task<IReadOnlyList<EmployerBreach>> BreachesIfJoinedAsync(string? employer, CancellationToken ct = default)
    {
        var employers = await db.GroupMembers.Where(m => m.Status == MemberStatus.Active).Select(m => m.Employer).ToListAsync(ct);
        return EmployerCap.BreachesIfJoined(employers, employer, rules);
    }
}
