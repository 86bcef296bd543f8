using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Vigil.Web.Features.Members;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// One nomination: any signed-in person reads it; active members see the objections and may object while the window
/// is open; an objector withdraws their own objection; the nominator or the nominee withdraws the nomination.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class NominationPageModel(NominationService nominations, MemberService members, UserManager<PlatformUser> users, TimeProvider time) : NominationFormPage(users)
{
    private Dictionary<string, string> _names = [];

    public NominationView View { get; private set; } = null!;

    public string? Error { get; private set; }

    public bool WindowOpen => View.Record.State == NominationState.Open && time.GetUtcNow().UtcDateTime < View.Record.ObjectionsCloseAt;

    public async Task<IActionResult> OnGetAsync(long id) => await ShowAsync(id, null);

    // The texts are read from the form, not bound as handler arguments, so that MVC's trace log never holds them.
    public async Task<IActionResult> OnPostObjectAsync(long id) =>
        await AfterAsync(id, () => nominations.ObjectAsync(id, Me(), Field("reason"), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostWithdrawObjectionAsync(long id) =>
        await AfterAsync(id, () => long.TryParse(Field("objection"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long objection)
            ? nominations.WithdrawObjectionAsync(id, objection, Me(), HttpContext.RequestAborted)
            : Task.FromResult<string?>("objection: is required"));

    public async Task<IActionResult> OnPostWithdrawAsync(long id) =>
        await AfterAsync(id, () => nominations.WithdrawAsync(id, Me(), HttpContext.RequestAborted));

    /// <summary>An objector's name as the members page shows it.</summary>
    public string NameOf(string userId) => _names.TryGetValue(userId, out string? name) ? name : "a former member";

    /// <inheritdoc/>
    protected override string PathOf(long id) => $"/nominations/{id}";

    /// <inheritdoc/>
    protected override async Task<IActionResult> ShowAsync(long id, string? refusal)
    {
        var view = await nominations.ViewAsync(id, Me(), HttpContext.RequestAborted);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Error = refusal;
        if (view.ViewerIsMember)
        {
            _names = (await members.AllAsync(HttpContext.RequestAborted)).ToDictionary(m => m.UserId, m => m.DisplayName, StringComparer.Ordinal);
        }

        if (refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private string? Field(string name) => Request.HasFormContentType && Request.Form.TryGetValue(name, out var value) ? value.ToString() : null;
}
