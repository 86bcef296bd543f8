using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Governance.Members;
using Vigil.Governance.Rules;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Members;

/// <summary>
/// The administrators' roster: every membership row, any current employer-cap breach at the top (after someone left,
/// or the rules changed), and the forms to add a member, change an employer (cap checked) and mark a member as left.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class RosterModel(MemberService members, GroupRules rules, UserManager<PlatformUser> users) : PageModel
{
    public IReadOnlyList<GroupMemberRecord> Members { get; private set; } = [];

    public IReadOnlyList<string> Breaches { get; private set; } = [];

    public List<string> Errors { get; } = [];

    public int ActiveCount { get; private set; }

    public int Allowed { get; private set; }

    public NewMember Form { get; private set; } = new(null, null, null, null);

    public Task OnGetAsync() => LoadAsync();

    // The texts are read from the form, not bound as handler arguments, so that MVC's trace log never holds them.
    public async Task<IActionResult> OnPostAddAsync()
    {
        Form = new NewMember(Field("account"), Field("name"), Field("handle"), Field("employer"));
        Errors.AddRange(await members.AddAsync(Actor(), Form, HttpContext.RequestAborted));
        return await AfterAsync();
    }

    public async Task<IActionResult> OnPostEmployerAsync() =>
        await AfterAsync(MemberId() is { } id ? await members.ChangeEmployerAsync(Actor(), id, Field("employer"), HttpContext.RequestAborted) : "member: is required");

    public async Task<IActionResult> OnPostLeftAsync() =>
        await AfterAsync(MemberId() is { } id ? await members.MarkLeftAsync(Actor(), id, HttpContext.RequestAborted) : "member: is required");

    private async Task<IActionResult> AfterAsync(string? error = null)
    {
        if (error is not null)
        {
            Errors.Add(error);
        }

        if (Errors.Count == 0)
        {
            return RedirectToPage();
        }

        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        Members = await members.AllAsync(HttpContext.RequestAborted);
        ActiveCount = Members.Count(m => m.Status == MemberStatus.Active);
        Allowed = rules.MaxFromOneEmployer(ActiveCount);
        Breaches = [.. (await members.BreachesAsync(HttpContext.RequestAborted)).Select(b => members.Describe(b, ActiveCount))];
    }

    private string Actor() => users.GetUserId(User)!;

    private long? MemberId() => long.TryParse(Field("member"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id) ? id : null;

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
