using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>Password sign-in, with lockout after 5 failures in a row (Identity's lockout).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<PlatformUser> signIn) : PageModel
{
    [BindProperty, Required, StringLength(254)]
    public string Email { get; set; } = string.Empty;

    [BindProperty, Required, StringLength(256)]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Message = "Enter your e-mail address and password.";
            return Page();
        }

        // The user name is the e-mail address; a wrong address and a wrong password read the same.
        var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Accounts/SignInTwoFactor", new { returnUrl = SafeReturnUrl(ReturnUrl) });
        }

        Message = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for a while. Try again later."
            : result.IsNotAllowed
                ? "This account cannot sign in yet: confirm your e-mail address first (see the message we sent)."
                : "The e-mail address or the password is wrong.";
        return Page();
    }

    /// <summary>Only paths on this site: never an absolute URL or a scheme-relative <c>//host</c>.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
