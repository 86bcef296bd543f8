using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>Asks for a password-reset link. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(PasswordResets resets) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(254)]
    public string Email { get; set; } = string.Empty;

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await resets.RequestAsync(Email, HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }
}
