using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vigil.Web.Infrastructure.Persistence;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// A nomination's page with forms: a change that succeeds redirects back to the page, one that is refused shows the
/// page again with the error, and a nomination that does not exist is 404.
/// </summary>
public abstract class NominationFormPage(UserManager<PlatformUser> users) : PageModel
{
    /// <summary>Shows the page for the nomination with this refusal (none: null), or 404 when the viewer may not see it.</summary>
    protected abstract Task<IActionResult> ShowAsync(long id, string? refusal);

    /// <summary>Where a change that succeeded returns to.</summary>
    protected abstract string PathOf(long id);

    /// <summary>Runs a change that returns an error or null, and answers as the class says.</summary>
    protected async Task<IActionResult> AfterAsync(long id, Func<Task<string?>> change)
    {
        string? error;
        try
        {
            error = await change();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }

        return error is null ? Redirect(PathOf(id)) : await ShowAsync(id, error);
    }

    /// <summary>The signed-in account's id.</summary>
    protected string Me() => users.GetUserId(User)!;
}
