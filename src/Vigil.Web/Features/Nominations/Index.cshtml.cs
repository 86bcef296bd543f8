using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Nominations;

/// <summary>The nominations for signed-in people; whether one is blocked by an objection is shown to active members only.</summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class NominationsModel(NominationService nominations, MemberService members, GroupRules rules, UserManager<PlatformUser> users) : PageModel
{
    private HashSet<long> _blocked = [];

    public IReadOnlyList<NominationRecord> Nominations { get; private set; } = [];

    public int WindowDays => rules.ObjectionWindowDays;

    public async Task OnGetAsync()
    {
        Nominations = await nominations.ListAsync(HttpContext.RequestAborted);
        if (await members.IsActiveMemberAsync(users.GetUserId(User)!, HttpContext.RequestAborted))
        {
            _blocked = await nominations.BlockedAsync(HttpContext.RequestAborted);
        }
    }

    /// <summary>The state as this viewer may see it.</summary>
    public string StateOf(NominationRecord nomination) => NominationText.State(nomination, _blocked.Contains(nomination.Id));
}
