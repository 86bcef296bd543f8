using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>The second step of sign-in: a TOTP code (once, ±1 step) or a single-use recovery code.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.TwoFactor)]
public sealed class SignInTwoFactorModel(SignInManager<PlatformUser> signIn) : PageModel
{
    [BindProperty]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code ?? string.Empty, isPersistent: false, rememberClient: false);
        return Outcome(result);
    }

    public async Task<IActionResult> OnPostRecoveryAsync(string? recoveryCode)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Accounts/SignIn");
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(recoveryCode ?? string.Empty);
        return Outcome(result);
    }

    private IActionResult Outcome(Microsoft.AspNetCore.Identity.SignInResult result)
    {
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(ReturnUrl));
        }

        Message = result.IsLockedOut
            ? "Too many failed attempts: this account is locked for a while. Try again later."
            : "That code is not valid. A code works once; wait for the next one.";
        return Page();
    }
}
