using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Reports;

/// <summary>
/// A maintainer's invitation link: signed in with the invited address, they confirm and join that one report as its
/// maintainer. A used, expired, unknown or someone else's link says only that it does not work.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class InvitationModel(ReportService reports, UserManager<PlatformUser> users) : PageModel
{
    public bool Valid { get; private set; }

    public string? Package { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var user = await users.GetUserAsync(User);
        var invitation = user is null ? null : await reports.FindInvitationAsync(token, user, HttpContext.RequestAborted);
        Valid = invitation is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var user = await users.GetUserAsync(User);
        var joined = user is null ? null : await reports.AcceptInvitationAsync(token, user, HttpContext.RequestAborted);
        if (joined is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        return Redirect($"/reports/{joined}");
    }
}
