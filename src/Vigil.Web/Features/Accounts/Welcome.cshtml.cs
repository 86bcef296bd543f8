using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// The first-start link. Opening it changes nothing (link previews must not use it up); posting a password uses
/// the link (one conditional UPDATE, so it works once), sets the password and signs in, all in one transaction.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class WelcomeModel(PlatformDbContext db, UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = string.Empty;

    [BindProperty, Required, StringLength(256, MinimumLength = 12)]
    public string Password { get; set; } = string.Empty;

    public bool Valid { get; private set; }

    public string? Email { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await FindAsync();
        Valid = user is not null;
        Email = user?.Email;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindAsync();
        Valid = user is not null;
        Email = user?.Email;
        if (user is null || !ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = time.GetUtcNow().UtcDateTime;
        string hash = SecretTokens.Hash(Token);
        int used = await db.SignInLinks
            .Where(l => l.Hash == hash && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.UsedAt, now));
        if (used != 1)
        {
            Valid = false;
            return Page();
        }

        var result = user.PasswordHash is null ? await users.AddPasswordAsync(user, Password) : IdentityResult.Failed(new IdentityError { Description = "This account already has a password." });
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        await transaction.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(TwoFactorEnrolment.EnrolmentPath);
    }

    private async Task<PlatformUser?> FindAsync()
    {
        if (Token.Length is 0 or > 100)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        string hash = SecretTokens.Hash(Token);
        var link = await db.SignInLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Hash == hash);
        return link is null || link.UsedAt is not null || link.ExpiresAt <= now ? null : await users.FindByIdAsync(link.UserId);
    }
}
