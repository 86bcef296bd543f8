using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.TriageTeam;

/// <summary>
/// The privacy rules a member voted onto the triage team accepts before the triager role is granted
/// (<c>/triage-team/privacy</c>). Active members read them; only a team member who has not yet accepted can accept.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class PrivacyModel(TriageTeamService team, UserManager<PlatformUser> users) : PageModel
{
    /// <summary>The viewer's membership.</summary>
    public GroupMemberRecord? Member { get; private set; }

    /// <summary>Shows the rules to active members.</summary>
    public async Task<IActionResult> OnGetAsync()
    {
        Member = await team.ActiveAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        return Member is null ? Forbid() : Page();
    }

    /// <summary>Accepts the rules; the triager role follows.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        bool accepted = await team.AcceptPrivacyAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        return accepted ? Redirect("/triage-team") : NotFound();
    }
}
