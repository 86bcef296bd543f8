using Microsoft.AspNetCore.Identity;
using Vigil.Governance.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Members;

/// <summary>
/// The triager role follows the triage team (issue 7): an active member on the team who accepted the privacy rules
/// has it; anyone else loses it. Every path that changes a membership (roster, vote, offboarding, return) calls
/// <see cref="SyncAsync"/> before it saves, so the role never outlives the membership.
/// </summary>
public sealed class TriagerRole(UserManager<PlatformUser> users)
{
    /// <summary>Whether the member should hold the triager role.</summary>
    public static bool Deserved(GroupMemberRecord member) =>
        member.Status == MemberStatus.Active && member.TriageTeam && member.PrivacyAcceptedAt is not null;

    /// <summary>Grants or removes the role to match <paramref name="member"/>; returns true when it changed.</summary>
    public async Task<bool> SyncAsync(GroupMemberRecord member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var user = await users.FindByIdAsync(member.UserId) ?? throw new InvalidOperationException("The member's account is missing.");
        bool has = await users.IsInRoleAsync(user, Roles.Triager);
        bool deserved = Deserved(member);
        if (has == deserved)
        {
            return false;
        }

        var result = deserved ? await users.AddToRoleAsync(user, Roles.Triager) : await users.RemoveFromRoleAsync(user, Roles.Triager);
        return result.Succeeded ? true : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
