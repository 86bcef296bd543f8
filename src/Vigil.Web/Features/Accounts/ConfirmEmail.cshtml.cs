using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>The confirmation link: opening it shows a button; the change happens on the (anti-forgery checked) POST.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ConfirmEmailModel(UserManager<PlatformUser> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")]
    public string? Code { get; set; }

    public bool Confirmed { get; private set; }

    public bool Failed { get; private set; }

    public void OnGet() => Failed = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrEmpty(UserId) ? null : await users.FindByIdAsync(UserId);
        var result = user is null || string.IsNullOrEmpty(Code) ? null : await users.ConfirmEmailAsync(user, Code);
        Confirmed = result?.Succeeded == true;
        Failed = !Confirmed;
        return Page();
    }
}
