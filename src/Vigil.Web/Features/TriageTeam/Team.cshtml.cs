using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Rules;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.TriageTeam;

/// <summary>
/// The triage team page (<c>/triage-team</c>): the team, a warning when it is below the minimum, the motions with their
/// tallies, and the forms to open a motion and to vote (active members only). Administrators see it too, and while
/// the team is below the minimum they may appoint members without a vote (the bootstrap, docs/adr/0012).
/// Signed-in people who are neither get access-denied; their posts answer 404 (there is nothing for them here).
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class TeamModel(TriageTeamService team, MemberService members, GroupRules rules, UserManager<PlatformUser> users) : PageModel
{
    /// <summary>The team's members.</summary>
    public IReadOnlyList<GroupMemberRecord> Team { get; private set; } = [];

    /// <summary>Every active member (the choices of a motion).</summary>
    public IReadOnlyList<GroupMemberRecord> Members { get; private set; } = [];

    /// <summary>Open motions first, then the last decided ones.</summary>
    public IReadOnlyList<MotionView> Motions { get; private set; } = [];

    /// <summary>The smallest team the rules allow.</summary>
    public int Minimum => rules.TriageTeamMinimum;

    /// <summary>Whether the team is below <see cref="Minimum"/>.</summary>
    public bool BelowMinimum { get; private set; }

    /// <summary>Whether the viewer is an active member (may open motions and vote).</summary>
    public bool IsMember { get; private set; }

    /// <summary>Whether the viewer is an administrator.</summary>
    public bool IsAdministrator { get; private set; }

    /// <summary>Why the last post was refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the page to active members and administrators.</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    /// <summary>Opens a motion to add or remove a member.</summary>
    public async Task<IActionResult> OnPostOpenAsync()
    {
        if (await team.ActiveAsync(UserId, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        if (!long.TryParse(Field(TriageTeamService.MemberField), out long memberId))
        {
            return await RefusedAsync("member: is required");
        }

        TriageChange? change = Field(TriageTeamService.ChangeField) switch
        {
            "add" => TriageChange.Add,
            "remove" => TriageChange.Remove,
            _ => null,
        };
        if (change is null)
        {
            return await RefusedAsync("change: must be add or remove");
        }

        var error = await team.OpenAsync(UserId, memberId, change.Value, HttpContext.RequestAborted);
        return error is null ? RedirectToPage() : await RefusedAsync(error);
    }

    /// <summary>Casts or changes the viewer's vote.</summary>
    public async Task<IActionResult> OnPostVoteAsync()
    {
        if (await team.ActiveAsync(UserId, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        if (!long.TryParse(Field(TriageTeamService.MotionField), out long motionId))
        {
            return await RefusedAsync("motion: is required");
        }

        bool? inFavour = Field(TriageTeamService.VoteField) switch { "for" => true, "against" => false, _ => null };
        if (inFavour is null)
        {
            return await RefusedAsync("vote: must be for or against");
        }

        var error = await team.VoteAsync(UserId, motionId, inFavour.Value, HttpContext.RequestAborted);
        return error is null ? RedirectToPage() : await RefusedAsync(error);
    }

    /// <summary>The bootstrap: an administrator appoints an active member while the team is below the minimum.</summary>
    public async Task<IActionResult> OnPostAppointAsync()
    {
        if (!User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        if (!long.TryParse(Field(TriageTeamService.MemberField), out long memberId))
        {
            return await RefusedAsync("member: is required");
        }

        var error = await team.AppointAsync(UserId, memberId, HttpContext.RequestAborted);
        return error is null ? RedirectToPage() : await RefusedAsync(error);
    }

    private string UserId => users.GetUserId(User)!;

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;

    private async Task<IActionResult> RefusedAsync(string error)
    {
        await LoadAsync();
        Error = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        IsMember = await members.ActiveMemberAsync(UserId, ct) is not null;
        IsAdministrator = User.IsInRole(Roles.Administrator);
        if (!IsMember && !IsAdministrator)
        {
            return false;
        }

        Team = await team.TeamAsync(ct);
        Members = await members.ActiveMembersAsync(ct);
        Motions = await team.MotionsAsync(UserId, ct: ct);
        BelowMinimum = Team.Count < Minimum;
        return true;
    }
}
