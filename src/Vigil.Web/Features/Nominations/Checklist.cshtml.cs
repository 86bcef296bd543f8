using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// The nominee's onboarding checklist (404 for anyone else, and before the window has passed): accept the code of
/// conduct, turn on two-factor authentication (read from the account); membership starts when both are done, the
/// employer cap checked at that moment.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
public sealed class ChecklistModel(NominationService nominations, UserManager<PlatformUser> users, IOptions<NominationOptions> options) : NominationFormPage(users)
{
    public Checklist List { get; private set; } = null!;

    public string? Error { get; private set; }

    public string CodeOfConductUrl => options.Value.CodeOfConductUrl;

    public async Task<IActionResult> OnGetAsync(long id) => await ShowAsync(id, null);

    public async Task<IActionResult> OnPostAcceptAsync(long id) => await AfterAsync(id, () => nominations.AcceptCodeOfConductAsync(id, Me(), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostCompleteAsync(long id) => await AfterAsync(id, () => nominations.CompleteAsync(id, Me(), HttpContext.RequestAborted));

    /// <inheritdoc/>
    protected override string PathOf(long id) => $"/nominations/{id}/checklist";

    /// <inheritdoc/>
    protected override async Task<IActionResult> ShowAsync(long id, string? refusal)
    {
        var list = await nominations.ChecklistAsync(id, Me(), HttpContext.RequestAborted);
        if (list is null)
        {
            return NotFound();
        }

        List = list;
        Error = refusal;
        if (refusal is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
