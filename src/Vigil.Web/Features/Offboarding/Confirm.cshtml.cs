using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vigil.Web.Features.Offboarding;

/// <summary>
/// The activity check's one-time link (<c>/members/activity/{token}</c>): the token is the credential, so it works
/// with or without signing in. Opening it changes nothing (link previews must not use it up); the button confirms.
/// An unknown, used, replaced or late link answers 404.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(OffboardingService offboarding) : PageModel
{
    /// <summary>The token from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    /// <summary>Whether the confirmation was recorded by this request.</summary>
    public bool Done { get; private set; }

    /// <summary>Shows the confirmation button when the link is valid.</summary>
    public async Task<IActionResult> OnGetAsync() =>
        await offboarding.FindOpenAsync(Token, HttpContext.RequestAborted) is null ? Invalid() : Page();

    /// <summary>Confirms, once.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Done = await offboarding.ConfirmAsync(Token, HttpContext.RequestAborted);
        return Done ? Page() : Invalid();
    }

    private PageResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
