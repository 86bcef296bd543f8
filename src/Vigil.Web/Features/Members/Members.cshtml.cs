using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Members;

namespace Vigil.Web.Features.Members;

/// <summary>The public members page: active members (member or triage team) and emeritus members; name, handle, employer.</summary>
[AllowAnonymous]
public sealed class MembersModel(MemberService members) : PageModel
{
    public IReadOnlyList<GroupMemberRecord> Active { get; private set; } = [];

    public IReadOnlyList<GroupMemberRecord> Emeritus { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var all = await members.AllAsync(HttpContext.RequestAborted);
        Active = [.. all.Where(m => m.Status == MemberStatus.Active)];
        Emeritus = [.. all.Where(m => m.Status == MemberStatus.Emeritus)];
    }
}
