using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Vigil.Disclosure.AuditTrail;
using Vigil.Web.Infrastructure.Audit;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Infrastructure.Security;

namespace Vigil.Web.Features.Accounts;

/// <summary>
/// TOTP enrolment: the secret as text and as an <c>otpauth://</c> link (no QR code: it would need a library or a
/// CDN), a code to prove the app has it, then 10 recovery codes shown once. Every change (turning it on, new recovery
/// codes, turning it off) first asks for the password again, and once enrolled also for a current code (ASVS 7.5.1):
/// a session left open on someone else's screen cannot change the second factor. Each change is audited.
/// </summary>
[Authorize(Policy = Policies.Interactive)]
[EnableRateLimiting(RateLimits.TwoFactor)]
public sealed class TwoFactorModel(UserManager<PlatformUser> users, SignInManager<PlatformUser> signIn, PlatformDbContext db, AuditLog audit, SecretCipher cipher) : PageModel
{
    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string SecretGroups { get; private set; } = string.Empty;

    public string OtpAuthUri { get; private set; } = string.Empty;

    public int RecoveryCodesLeft { get; private set; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public bool Disabled { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await ShowAsync(user);
        return Page();
    }

    /// <summary>Turns 2FA on: the password, and a code from the newly added app.</summary>
    public async Task<IActionResult> OnPostAsync(string? code, string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled || user.TotpSecret is null)
        {
            return RedirectToPage();
        }

        if (!await PasswordIsRightAsync(user, password))
        {
            return await RefuseAsync(user, "The password is not right.");
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code ?? string.Empty))
        {
            return await RefuseAsync(user, "That code is not right. Check the key in your app and use the newest code.");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count) ?? []];
        await AuditAsync(user, "enabled");
        // Turning 2FA on changed the security stamp, which ends every session: this one gets a new cookie.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        Enabled = true;
        return Page();
    }

    /// <summary>New recovery codes (the old ones stop working): the password and a current code.</summary>
    public async Task<IActionResult> OnPostNewCodesAsync(string? code, string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (await ReauthenticateAsync(user, code, password) is { } refusal)
        {
            return await RefuseAsync(user, refusal);
        }

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count) ?? []];
        await AuditAsync(user, "new recovery codes");
        Enabled = true;
        return Page();
    }

    /// <summary>Turns 2FA off (not for the roles that need it): the password and a current code.</summary>
    public async Task<IActionResult> OnPostDisableAsync(string? code, string? password)
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (Roles.RequireTwoFactor.Any(User.IsInRole))
        {
            return await RefuseAsync(user, "Your role needs two-factor sign-in: it cannot be turned off.");
        }

        if (await ReauthenticateAsync(user, code, password) is { } refusal)
        {
            return await RefuseAsync(user, refusal);
        }

        user.TotpSecret = null;
        user.LastTotpStep = null;
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        // Also changes the security stamp: every other session ends; this one gets a new cookie.
        await users.SetTwoFactorEnabledAsync(user, false);
        await AuditAsync(user, "disabled");
        await signIn.SignInAsync(user, isPersistent: false);
        Disabled = true;
        await ShowAsync(user);
        return Page();
    }

    /// <summary>The password (failures count towards the lockout) and a current TOTP code; null when both are right.</summary>
    private async Task<string?> ReauthenticateAsync(PlatformUser user, string? code, string? password)
    {
        if (!await PasswordIsRightAsync(user, password))
        {
            return "The password is not right.";
        }

        return await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.Name, code ?? string.Empty)
            ? null
            : "That code is not right. Use the newest code from your app.";
    }

    private async Task<bool> PasswordIsRightAsync(PlatformUser user, string? password) =>
        !string.IsNullOrEmpty(password) && password.Length <= 256
        && (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;

    private async Task<PageResult> RefuseAsync(PlatformUser user, string message)
    {
        Message = message;
        await ShowAsync(user);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task AuditAsync(PlatformUser user, string detail)
    {
        audit.Record(user.Id, AuditActions.TwoFactorChanged, user.Id, detail);
        await audit.SaveChangesAsync(HttpContext.RequestAborted);
    }

    private async Task ShowAsync(PlatformUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = Roles.RequireTwoFactor.Any(User.IsInRole);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        // Stored sealed (TotpSecrets); opened only to show it to its owner during enrolment.
        string? secret = TotpSecrets.Get(user, cipher);
        if (secret is null)
        {
            secret = Totp.NewSecret();
            TotpSecrets.Set(user, secret, cipher);
            await users.UpdateAsync(user);
        }

        SecretGroups = string.Join(' ', secret.Chunk(4).Select(c => new string(c)));
        OtpAuthUri = Totp.OtpAuthUri("Vigil", user.Email ?? user.UserName ?? user.Id, secret);
    }
}
