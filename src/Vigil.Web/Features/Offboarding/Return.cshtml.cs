using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Governance.Members;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Offboarding;

/// <summary>
/// An emeritus member comes back (<c>/members/return</c>) within the grace period, without a new nomination, if the
/// employer cap allows. Former members (emeritus or left) see the page; anyone else gets access-denied, and their
/// posts answer 404.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class ReturnModel(OffboardingService offboarding, PlatformDbContext db, UserManager<PlatformUser> users) : PageModel
{
    /// <summary>The viewer's membership.</summary>
    public GroupMemberRecord? Member { get; private set; }

    /// <summary>Until when the viewer may come back.</summary>
    public DateTime? ReturnUntil { get; private set; }

    /// <summary>Why the return was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Whether the member came back by this request.</summary>
    public bool Returned { get; private set; }

    /// <summary>Shows the return button to emeritus members, and the way back to former members.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    /// <summary>Comes back.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, detail) = await offboarding.ReturnAsync(users.GetUserId(User)!, HttpContext.RequestAborted);
        if (outcome == ReturnOutcome.NotEmeritus)
        {
            return NotFound();
        }

        await LoadAsync();
        Returned = outcome == ReturnOutcome.Returned;
        if (!Returned)
        {
            Error = outcome == ReturnOutcome.GraceOver
                ? "The grace period is over: joining the group again takes a new nomination."
                : "The employer cap does not allow it now: " + detail;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        string userId = users.GetUserId(User)!;
        Member = await db.GroupMembers.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, HttpContext.RequestAborted);
        if (Member is null || Member.Status == MemberStatus.Active && Member.EmeritusSince is null)
        {
            return false;
        }

        ReturnUntil = Member.EmeritusSince is null ? null : offboarding.ReturnUntil(Member);
        return true;
    }
}
