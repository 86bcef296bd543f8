using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Vigil.Web.Infrastructure.Mail;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// Registration: the account, its reporter role and the confirmation e-mail are committed in one transaction.
/// An address that already has an account gets a notice instead, and the page says the same either way, so the
/// form does not tell who has an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Register)]
public sealed class RegisterModel(UserManager<PlatformUser> users, PlatformDbContext db, MailOutbox outbox, AccountLinks links, TimeProvider time) : PageModel
{
    [BindProperty, Required, EmailAddress, StringLength(254)]
    public string Email { get; set; } = string.Empty;

    [BindProperty, Required, StringLength(256, MinimumLength = 12)]
    public string Password { get; set; } = string.Empty;

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

        Email = Email.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await users.FindByEmailAsync(Email) is { } existing)
        {
            outbox.Enqueue(existing.Email!, "Someone tried to create a Vigil account with your address",
                "Someone (perhaps you) tried to create a Vigil account with this e-mail address, which already has one.\n\n" +
                $"If it was you, sign in at {links.BaseUrl(Request)}/account/sign-in instead. Otherwise you can ignore this message.\n");
        }
        else
        {
            var user = new PlatformUser { UserName = Email, Email = Email, CreatedAt = time.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty, error.Description);
                }

                return Page();
            }

            await users.AddToRoleAsync(user, Roles.Reporter);
            string code = await users.GenerateEmailConfirmationTokenAsync(user);
            outbox.Enqueue(Email, "Confirm your e-mail address for Vigil",
                "Welcome to Vigil, the Node.js Security Working Group's disclosure platform.\n\n" +
                $"Open this link to confirm your e-mail address:\n{links.ConfirmEmail(Request, user.Id, code)}\n\n" +
                "If you did not create an account, ignore this message.\n");
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        outbox.Wake();
        Sent = true;
        return Page();
    }
}
