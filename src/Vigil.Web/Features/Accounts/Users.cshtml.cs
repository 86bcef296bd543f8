using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// Administrators manage accounts: roles, disable and enable. Both change the user's security stamp, so the
/// user's sessions end on their next request (and a disabled user's tokens stop working at once).
/// The triager role is not set here: it follows the triage team (Features/TriageTeam, docs/adr/0012).
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UsersModel(UserManager<PlatformUser> users, TimeProvider time, TriageTeam.TriageTeamService team) : PageModel
{
    /// <summary>A user and their roles.</summary>
    public sealed record Row(PlatformUser User, IList<string> Roles);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? CurrentUserId { get; private set; }

    /// <summary>The triage team's size when it is below the group's minimum (the warning), else null.</summary>
    public int? TriageTeamBelowMinimum { get; private set; }

    public async Task OnGetAsync()
    {
        CurrentUserId = users.GetUserId(User);
        var (below, size) = await team.BelowMinimumAsync(HttpContext.RequestAborted);
        TriageTeamBelowMinimum = below ? size : null;
        var all = await users.Users.OrderBy(u => u.Email).Take(500).ToListAsync();
        var rows = new List<Row>(all.Count);
        foreach (var user in all)
        {
            rows.Add(new Row(user, await users.GetRolesAsync(user)));
        }

        Rows = rows;
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await ChangeAsync(id, user => user.DisabledAt = time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostEnableAsync(string id) => await ChangeAsync(id, user => user.DisabledAt = null);

    public async Task<IActionResult> OnPostRolesAsync(string id, string[]? roles)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }

        // The triager role follows the triage team's vote: a form cannot grant or remove it.
        var current = await users.GetRolesAsync(user);
        var wanted = (roles ?? []).Where(r => Roles.All.Contains(r) && r != Roles.Triager).ToHashSet(StringComparer.Ordinal);
        if (current.Contains(Roles.Triager))
        {
            wanted.Add(Roles.Triager);
        }

        if (user.Id == users.GetUserId(User))
        {
            wanted.Add(Roles.Administrator); // An administrator cannot lock themselves out.
        }

        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        await users.UpdateSecurityStampAsync(user);
        return RedirectToPage();
    }

    private async Task<IActionResult> ChangeAsync(string id, Action<PlatformUser> change)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || user.Id == users.GetUserId(User))
        {
            return NotFound();
        }

        change(user);
        await users.UpdateSecurityStampAsync(user);
        return RedirectToPage();
    }
}
