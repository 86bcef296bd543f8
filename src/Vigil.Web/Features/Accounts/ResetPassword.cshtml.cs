using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// The password-reset link. Opening it changes nothing (link previews must not use it up); posting a new password
/// uses it. It does not sign in: the next sign-in asks for the new password and, when enrolled, the second factor.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ResetPasswordModel(PasswordResets resets) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty, Required, StringLength(256, MinimumLength = 12)]
    public string Password { get; set; } = string.Empty;

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Valid = await resets.FindAsync(Token, HttpContext.RequestAborted) is not null;
        return Answer();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Valid = await resets.FindAsync(Token, HttpContext.RequestAborted) is not null;
        if (!Valid || !ModelState.IsValid)
        {
            return Answer();
        }

        var errors = await resets.ResetAsync(Token, Password, HttpContext.RequestAborted);
        if (errors is null)
        {
            Valid = false;
            return Answer();
        }

        foreach (string error in errors)
        {
            ModelState.AddModelError(nameof(Password), error);
        }

        Done = errors.Count == 0;
        return Answer();
    }

    private PageResult Answer()
    {
        if (!Valid && !Done)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
